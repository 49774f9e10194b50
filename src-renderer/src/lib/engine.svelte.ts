// The engine's status, shared by the sidebar and the Engine screen.
import type { EngineStatus } from '../../../src-main/api/results';
import { berth, toBerthError } from './berth';

class EngineState {
  status = $state<EngineStatus | null>(null);
  error = $state<string | null>(null);
  loading = $state(false);

  async refresh(): Promise<void> {
    this.loading = true;
    try {
      this.status = await berth.engineStatus({});
      this.error = null;
    } catch (error) {
      this.error = toBerthError(error).message;
    } finally {
      this.loading = false;
    }
  }
}

export const engine = new EngineState();
