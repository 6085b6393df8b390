/**
 * All benches, one after another (`npm run bench`). A bench is a module exporting
 * `run(ctx): Promise<Row[]>` and, for the closing table, `summary(rows)`; add new ones to BENCHES.
 */
import { runBenches, type BenchModule } from './lib';
import { logBench } from './log.bench';
import { realtimeBench } from './realtime.bench';
import { reviewBench } from './review.bench';

const BENCHES: readonly BenchModule[] = [logBench, realtimeBench, reviewBench];

const only = process.argv.slice(2);
const selected = only.length > 0 ? BENCHES.filter((b) => only.includes(b.name)) : BENCHES;

runBenches(selected, 'bench').then(
	() => process.exit(0),
	(err: unknown) => {
		console.error(err);
		process.exit(1);
	}
);
