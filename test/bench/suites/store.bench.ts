// Event store figures (issue #7, 4): ingest rate, reads of a 1 000 000-event store, bytes per event.
import type { BenchSuite } from '../lib/suite';
import { diskFigure } from '../store/disk';
import { buildHistory } from '../store/history';
import { ingestFigures } from '../store/ingest';
import { queryFigures } from '../store/queries';

const HISTORY_EVENTS = Number(process.env.BERTH_BENCH_STORE_EVENTS ?? 1_000_000);

const suite: BenchSuite = {
  group: 'store',
  needsEngine: false,
  async run({ runs, log }) {
    const history = buildHistory(HISTORY_EVENTS, log);
    try {
      // Reads first, while the store holds exactly the history; ingest then adds to it.
      const figures = [diskFigure(history), ...(await queryFigures(history, runs))];
      log('reads measured');
      figures.push(...(await ingestFigures(history, runs)));
      return figures;
    } finally {
      history.close();
    }
  },
};

export default suite;
