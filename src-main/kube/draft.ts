// The validators' view of an object: shape-checked, possibly incomplete.

/**
 * An object as the validators see it: shape-checked (every present field has the right
 * type) but any field may still be missing, because the user may have left it out.
 * List items may be `undefined` where the item had the wrong type.
 */
export type Draft<T> = T extends (infer U)[]
  ? (Draft<U> | undefined)[] // a wrong-typed item leaves a hole, so later indices stay true
  : T extends object
    ? { [K in keyof T]?: Draft<T[K]> }
    : T;
