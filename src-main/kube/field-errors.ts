// Field errors as the API server words them: a port of field.Error and ErrorList.ToAggregate
// (k8s.io/apimachinery/pkg/util/validation/field/errors.go, util/errors). Selector errors and
// the Invalid Status (kube-apiserver/status) are both built from these.
import { goQuote } from './go-format';

export type FieldErrorType =
  | 'FieldValueNotFound'
  | 'FieldValueRequired'
  | 'FieldValueDuplicate'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueForbidden'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'InternalError'
  | 'FieldValueTypeInvalid';

const TYPE_TEXT: Record<FieldErrorType, string> = {
  FieldValueNotFound: 'Not found',
  FieldValueRequired: 'Required value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueForbidden: 'Forbidden',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
  InternalError: 'Internal error',
  FieldValueTypeInvalid: 'Invalid value',
};

/** A bad value Go prints with %#v (a slice, a struct): already written out. */
export interface Shown {
  shown: string;
}

export interface FieldError {
  type: FieldErrorType;
  /** The field path, `spec.containers[0].image`. */
  field: string;
  /** Omitted from the text when undefined (Go's omitValue). */
  badValue?: string | number | boolean | null | Shown;
  detail: string;
}

// These types never print the bad value.
const VALUELESS = new Set<FieldErrorType>(['FieldValueRequired', 'FieldValueForbidden', 'FieldValueTooLong', 'InternalError']);

function formatValue(value: NonNullable<FieldError['badValue']> | null): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return goQuote(value);
  if (typeof value === 'object') return value.shown;
  return String(value);
}

/** ErrorBody: the text without the field, `Invalid value: "x": detail`. */
export function errorBody(e: FieldError): string {
  let body = TYPE_TEXT[e.type];
  if (!VALUELESS.has(e.type) && e.badValue !== undefined) body += `: ${formatValue(e.badValue)}`;
  return e.detail ? `${body}: ${e.detail}` : body;
}

/** Error(): `field: body`. */
export function errorString(e: FieldError): string {
  return `${e.field}: ${errorBody(e)}`;
}

/** An aggregate's Error(): one message alone, several in brackets, repeated texts once. */
export function aggregate(messages: readonly string[]): string {
  const unique = [...new Set(messages)];
  return unique.length === 1 ? unique[0]! : `[${unique.join(', ')}]`;
}

/** The constructors of field/errors.go. */
export const fieldErrors = {
  required: (field: string, detail = ''): FieldError => ({ type: 'FieldValueRequired', field, badValue: '', detail }),
  invalid: (field: string, value: FieldError['badValue'], detail: string): FieldError => ({ type: 'FieldValueInvalid', field, badValue: value ?? null, detail }),
  duplicate: (field: string, value: FieldError['badValue']): FieldError => ({ type: 'FieldValueDuplicate', field, badValue: value ?? null, detail: '' }),
  notFound: (field: string, value: FieldError['badValue']): FieldError => ({ type: 'FieldValueNotFound', field, badValue: value ?? null, detail: '' }),
  notSupported: (field: string, value: FieldError['badValue'], valid: readonly string[]): FieldError => ({
    type: 'FieldValueNotSupported',
    field,
    badValue: value ?? null,
    detail: valid.length ? `supported values: ${valid.map(goQuote).join(', ')}` : '',
  }),
  forbidden: (field: string, detail: string): FieldError => ({ type: 'FieldValueForbidden', field, badValue: '', detail }),
  tooLong: (field: string, maxBytes: number): FieldError => ({ type: 'FieldValueTooLong', field, detail: `must have at most ${maxBytes} bytes` }),
  tooMany: (field: string, actual: number, max: number): FieldError => ({
    type: 'FieldValueTooMany',
    field,
    badValue: actual,
    detail: `must have at most ${max} items`,
  }),
  typeInvalid: (field: string, value: FieldError['badValue'], detail: string): FieldError => ({ type: 'FieldValueTypeInvalid', field, badValue: value ?? null, detail }),
  internal: (field: string, message: string): FieldError => ({ type: 'InternalError', field, badValue: null, detail: message }),
};
