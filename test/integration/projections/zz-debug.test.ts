import { createHarness } from './support/harness';
import { appendAll, generateHistory } from './support/history';

it('debug', async () => {
  process.env.PROJ_DEBUG = '1';
  for (let round = 0; round < 10; round++) {
    (globalThis as unknown as { projLog: string[] }).projLog = [];
    const h = await createHarness();
    const { appends } = generateHistory(10_500, round + 1);
    const live = await h.runtime({ batchSize: 250 });
    const head = await appendAll(h.store, appends);
    await live.runtime.waitForPosition(head, 120_000);
    if (live.problems.length > 0) {
      console.log(round, live.problems);
      const log = (globalThis as unknown as { projLog: string[] }).projLog;
      require('fs').writeFileSync('/tmp/projlog.txt', log.join('\n'));
      const m = /order-([0-9a-f-]+)@/.exec(live.problems[0]!);
      if (m) {
        const { rows } = await h.db.pool.query(
          `SELECT transaction_id::text, global_position, stream_version, type, created_at FROM es_events WHERE stream_id = $1 ORDER BY global_position`,
          [`order-${m[1]}`],
        );
        console.log(rows);
      }
      await h.close();
      return;
    }
    await h.close();
  }
}, 900000);
