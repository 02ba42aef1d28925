/**
 * bench/matching: gift-exchange matching on generated exchanges (2,000 made-up
 * fandoms, Zipf-distributed fandoms and characters, 1–3 requests and offers
 * each; the rule: share 1 fandom and 1 character, "any" matches). For each
 * size and seed: potential matches built and how long that took, the optimal
 * assignment's time (min-cost flow plus the mutual-pair step), participants
 * matched against the maximum Hopcroft–Karp finds, mean overlap and mutual
 * pairs — and the same for AO3's greedy baseline; for the first seed also
 * `matchExchange` end to end (with every explanation and left-out reason). Prints median and p95 over
 * the seeds, and the process's peak memory. Figures are printed, never asserted.
 * Beside each wall time, the process's CPU time: on a shared, loaded machine
 * it says more about the code than the wall clock does.
 *
 *   npm run bench:matching -- [--sizes 100,1000,5000] [--seeds 3] [--seed 1] [--lp-up-to 1000]
 *
 * --lp-up-to N also solves the assignment as an LP with HiGHS for sizes ≤ N (the comparison in docs/MATCHING.md).
 */
import { parseArgs } from 'node:util';
import highsModule from 'highs';
import { greedyAssignment } from '../src/challenges/matching/greedy-assignment.ts';
import { matchExchange } from '../src/challenges/matching/match-exchange.ts';
import { maximumMatchingSize } from '../src/challenges/matching/maximum-matching.ts';
import { avoidMutualPairs, countMutualPairs } from '../src/challenges/matching/mutual-pairs.ts';
import { solveOptimalAssignment } from '../src/challenges/matching/optimal-assignment.ts';
import { buildPotentialMatches, type PotentialMatches } from '../src/challenges/matching/potential-matches.ts';
import { seededRandom } from '../src/challenges/matching/random.ts';
import { defaultExchangeSettings } from '../src/challenges/matching/settings.ts';
import { percentile } from './support/server.ts';
import { generateExchange } from './support/exchange-generator.ts';

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '100,1000,5000' },
    seeds: { type: 'string', default: '3' },
    seed: { type: 'string', default: '1' },
    'lp-up-to': { type: 'string', default: '0' },
  },
});
const sizes = args.sizes.split(',').map(Number);
const seedCount = Number(args.seeds);
const firstSeed = Number(args.seed);
const lpUpTo = Number(args['lp-up-to']);

const settings = defaultExchangeSettings();
settings.match.shared.character = 1;

type LoadHighs = typeof highsModule.default;
const loadHighs: LoadHighs =
  (highsModule as unknown as { default?: LoadHighs }).default ?? (highsModule as unknown as LoadHighs);

/** The same assignment as an LP (totally unimodular, so the optimum is whole): weights put coverage first. */
async function solveAsLp(matches: PotentialMatches): Promise<{ ms: number; matched: number; overlap: number }> {
  const highs = await loadHighs();
  const n = matches.participantCount;
  const maxOverlap = matches.overlap.reduce((m, v) => Math.max(m, v), 0);
  const big = n * maxOverlap + 1;
  const started = performance.now();
  const byReceiver: string[][] = Array.from({ length: n }, () => []);
  const byGiver: string[][] = Array.from({ length: n }, () => []);
  const objective: string[] = [];
  for (let g = 0; g < n; g++) {
    for (let e = matches.giverStart[g]!; e < matches.giverStart[g + 1]!; e++) {
      objective.push(`${big + matches.overlap[e]!} x${e}`);
      byGiver[g]!.push(`x${e}`);
      byReceiver[matches.receiver[e]!]!.push(`x${e}`);
    }
  }
  const lines = [
    'Maximize',
    ` obj: ${objective.join(' + ')}`,
    'Subject To',
    ...byGiver.flatMap((xs, g) => (xs.length ? [` g${g}: ${xs.join(' + ')} <= 1`] : [])),
    ...byReceiver.flatMap((xs, r) => (xs.length ? [` r${r}: ${xs.join(' + ')} <= 1`] : [])),
    'Bounds',
    ...Array.from(matches.receiver, (_, e) => ` 0 <= x${e} <= 1`),
    'End',
  ];
  const solution = highs.solve(lines.join('\n'), { output_flag: false });
  if (solution.Status !== 'Optimal') throw new Error(`LP: ${solution.Status}`);
  let matched = 0;
  let overlap = 0;
  for (let e = 0; e < matches.receiver.length; e++) {
    const x = solution.Columns[`x${e}`]?.Primal ?? 0;
    if (x > 0.5) {
      matched++;
      overlap += matches.overlap[e]!;
    }
  }
  return { ms: performance.now() - started, matched, overlap };
}

/** Wall and CPU milliseconds of `run`. */
function timed<T>(run: () => T): [T, number, number] {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  const result = run();
  const used = process.cpuUsage(cpu);
  return [result, performance.now() - wall, (used.user + used.system) / 1000];
}

const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);
const stats = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return `median ${fmt(percentile(sorted, 50))}, p95 ${fmt(percentile(sorted, 95))}`;
};

console.log(
  `bench:matching — rule: 1 shared fandom and 1 shared character; seeds ${firstSeed}…${firstSeed + seedCount - 1}`,
);
for (const size of sizes) {
  const build: number[] = [];
  const assign: number[] = [];
  const total: number[] = [];
  const greedyTimes: number[] = [];
  const totalCpu: number[] = [];
  console.log(`\n${size} participants`);
  for (let seed = firstSeed; seed < firstSeed + seedCount; seed++) {
    const { signUps } = generateExchange(size, seed);
    const [matches, buildMs, buildCpu] = timed(() => buildPotentialMatches(signUps, settings.match));
    const [optimum, flowMs, flowCpu] = timed(() => solveOptimalAssignment(matches));
    const mutualBefore = countMutualPairs(optimum.receiverOf);
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    const avoided = await avoidMutualPairs(matches, optimum);
    const mutualCpu = (process.cpuUsage(cpuStarted).user + process.cpuUsage(cpuStarted).system) / 1000;
    const assignMs = flowMs + performance.now() - started;
    const assignCpu = flowCpu + mutualCpu;
    const maximum = maximumMatchingSize(matches);
    const [greedy, greedyMs] = timed(() => greedyAssignment(matches, seededRandom(seed)));
    build.push(buildMs);
    assign.push(assignMs);
    total.push(buildMs + assignMs);
    totalCpu.push(buildCpu + assignCpu);
    greedyTimes.push(greedyMs);
    const mean = (overlap: number, matched: number) => (matched ? overlap / matched : 0).toFixed(2);
    console.log(
      `  seed ${seed}: ${matches.receiver.length.toLocaleString('en')} potential matches (${fmt(buildMs)}, cpu ${fmt(buildCpu)}); ` +
        `optimal ${optimum.matchedCount}/${maximum} of max, mean overlap ${mean(optimum.totalOverlap, optimum.matchedCount)}, ` +
        `${fmt(assignMs)} (cpu ${fmt(assignCpu)}; flow ${fmt(flowMs)}), mutual pairs ${mutualBefore} → ${avoided.mutualPairs}${avoided.isLeast ? '' : ' (not proved least)'}; ` +
        `greedy ${greedy.matchedCount}/${maximum}, mean overlap ${mean(greedy.totalOverlap, greedy.matchedCount)}, ` +
        `mutual pairs ${countMutualPairs(greedy.receiverOf)}, ${fmt(greedyMs)}`,
    );
    if (seed === firstSeed) {
      const [whole, wholeMs, wholeCpu] = await (async () => {
        const wall = performance.now();
        const cpu = process.cpuUsage();
        const result = await matchExchange(settings, signUps);
        const used = process.cpuUsage(cpu);
        return [result, performance.now() - wall, (used.user + used.system) / 1000] as const;
      })();
      console.log(
        `    matchExchange end to end: ${fmt(wholeMs)} (cpu ${fmt(wholeCpu)}), ${whole.assignments.length} assignments explained, ` +
          `${whole.withoutGift.length} reasons for no gift, ${whole.withoutRecipient.length} for no recipient`,
      );
    }
    if (size <= lpUpTo) {
      const lp = await solveAsLp(matches);
      console.log(
        `    HiGHS LP: ${lp.matched}/${maximum}, overlap ${lp.overlap} (flow: ${optimum.totalOverlap}), ${fmt(lp.ms)}`,
      );
    }
  }
  console.log(`  potential matches: ${stats(build)}`);
  console.log(`  assignment:        ${stats(assign)}`);
  console.log(
    `  both:              ${stats(total)} — ${(
      (size * 1000) /
      percentile(
        [...total].sort((a, b) => a - b),
        50,
      )
    ).toFixed(0)} participants/s`,
  );
  console.log(`  both, cpu time:    ${stats(totalCpu)}`);
  console.log(`  greedy:            ${stats(greedyTimes)}`);
}
const memory = process.memoryUsage();
console.log(
  `\npeak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB, heap used ${(memory.heapUsed / 1e6).toFixed(0)} MB`,
);
