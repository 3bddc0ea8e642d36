// The same GGUF through two llama.cpp builds: node-llama-cpp's prebuilt CPU build (another llama.cpp version and
// binding) and pricer's LLamaSharp. For the course's real test prompts it compares the top-3 next tokens of one
// forward pass each, and the throughput: node-llama-cpp one prompt at a time, pricer `bench local` one at a time and
// batched. A benchmark, not a test: speed is measured here, never asserted.
//
//   npm install --ignore-scripts            (once, in this folder)
//   node compare.mjs --model M.gguf [--lora ADAPTER.gguf] [--items 8] [--parallel 4[,8…]] [--threads 2] [--rounds 3]
//                    [--data ../../../shared/data/amazon-items-2024.jsonl] [--pricer "dotnet ../../cli/bin/Release/net10.0/pricer.dll"]
//
// With --rounds N, node-llama-cpp and pricer take turns N times and each mode's median is shown: on a shared machine
// a change of load then falls on both engines alike.
//
// Writes a Markdown table to stdout and everything measured to out/compare-<time>.json.
import { getLlama, LlamaLogLevel } from "node-llama-cpp";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const args = parseArgs(process.argv.slice(2));
const here = path.dirname(new URL(import.meta.url).pathname);
const model = required("model");
const items = Number(args.items ?? 8);
const parallel = String(args.parallel ?? 4);
const rounds = Number(args.rounds ?? 1);
const threads = Number(args.threads ?? os.availableParallelism());
const context = Number(args.context ?? 256);
const data = args.data ?? path.resolve(here, "../../../shared/data/amazon-items-2024.jsonl");
const pricer = (args.pricer ?? `dotnet ${path.resolve(here, "../../cli/bin/Release/net10.0/pricer.dll")}`).split(" ");

// The course's test prompt: the training prompt cut just after "Price is $".
const prompts = fs.readFileSync(data, "utf8").split("\n").filter(Boolean).slice(0, items)
    .map(line => JSON.parse(line).prompt).map(p => p.slice(0, p.indexOf("Price is $") + "Price is $".length));

const nodeEngine = await loadNode();
const top3 = { node: await nodeEngine.top3(), pricer: pricerTop3() };
const nodeRounds = [], pricerRounds = [];
for (let round = 0; round < rounds; round++) {
    nodeRounds.push(await nodeEngine.throughput());
    pricerRounds.push(pricerThroughput());
}
const node = { ...median(nodeRounds), engine: nodeEngine.engine, itemsPerSecondEachRound: nodeRounds.map(r => r.itemsPerSecond), peakRssMiB: process.resourceUsage().maxRSS / 1024, top3: top3.node };
const ours = { ...median(pricerRounds), top3: top3.pricer };
const rows = prompts.map((prompt, i) => ({ prompt: i, node: node.top3[i], pricer: ours.top3[i],
    same: node.top3[i].map(c => c.token).join() === ours.top3[i].map(c => c.token).join(),
    largestProbabilityDifference: Math.max(...node.top3[i].map((c, k) => Math.abs(c.probability - (ours.top3[i][k]?.probability ?? 0)))) }));

const report = { model, lora: args.lora ?? null, items, threads, context, rounds, machine: machine(), node: { ...node, top3: undefined }, pricer: { ...ours, top3: undefined }, rows };
fs.mkdirSync(path.join(here, "out"), { recursive: true });
const file = path.join(here, "out", `compare-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
fs.writeFileSync(file, JSON.stringify(report, null, 2));
print(report);
console.log(`\nWrote ${file}`);
process.exit(rows.every(r => r.same) ? 0 : 1);

// node-llama-cpp with the model loaded once: its top-3 for every prompt, and one timed pass over the prompts per call.
async function loadNode() {
    const llama = await getLlama({ gpu: false, build: "never", logLevel: LlamaLogLevel.error });
    const loaded = await llama.loadModel({ modelPath: model, gpuLayers: 0 });
    const ctx = await loaded.createContext({ contextSize: context, sequences: 1, batchSize: 512, flashAttention: false, threads,
        ...(args.lora ? { lora: { adapters: [{ filePath: args.lora, scale: 1 }] } } : {}) });
    const sequence = ctx.getSequence();
    const tokenized = prompts.map(p => [loaded.tokens.bos, ...loaded.tokenize(p, false)]);
    return {
        engine: `node-llama-cpp 3.21.1, llama.cpp ${llama.llamaCppRelease.release} (${llama.buildType})`,
        // One forward pass per prompt, probabilities after its last token.
        async top3() {
            const top = [];
            for (const tokens of tokenized) {
                const input = [...tokens.slice(0, -1), [tokens.at(-1), { generateNext: { probabilities: true } }]];
                const output = await sequence.controlledEvaluate(input);
                const probabilities = [...output.at(-1).next.probabilities.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3);
                top.push(probabilities.map(([token, p]) => ({ token, text: loaded.detokenize([token]), probability: p })));
                await sequence.clearHistory();
            }
            return top;
        },
        // The prompts one at a time, after a warm-up (as bench local does).
        async throughput() {
            await sequence.controlledEvaluate(tokenized[0]);
            await sequence.clearHistory();
            const cpuBefore = process.cpuUsage();
            const start = process.hrtime.bigint();
            for (const tokens of tokenized) {
                await sequence.controlledEvaluate(tokens);
                await sequence.clearHistory();
            }
            const seconds = Number(process.hrtime.bigint() - start) / 1e9;
            const promptTokens = tokenized.reduce((n, t) => n + t.length, 0);
            const cpu = process.cpuUsage(cpuBefore);
            return { itemsPerSecond: prompts.length / seconds, promptTokensPerSecond: promptTokens / seconds, seconds, promptTokens, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
        },
    };
}

function pricerTop3() {
    const lora = args.lora ? ["--lora", args.lora] : [];
    return prompts.map(prompt => {
        const run = runPricer(["next-tokens", "--model", model, ...lora, "--prompt", prompt, "--top-k", "3", "--context", String(context), "--json"]);
        return JSON.parse(run.stdout).candidates.map(c => ({ token: c.token, text: c.text, probability: c.probability }));
    });
}

// One round of bench local: one at a time, then batched at each --parallel; seconds is the whole round's.
function pricerThroughput() {
    const lora = args.lora ? ["--lora", args.lora] : [];
    const itemsFile = path.join(os.tmpdir(), `pricer-compare-${process.pid}.jsonl`);
    fs.writeFileSync(itemsFile, fs.readFileSync(data, "utf8").split("\n").filter(Boolean).slice(0, items).join("\n") + "\n");
    try {
        const bench = runPricer(["bench", "local", "--model", model, ...lora, "--test", itemsFile, "--items", String(items),
            "--parallel", parallel, "--context", String(context), "--threads", String(threads), "--json"]);
        const { modes } = JSON.parse(bench.stdout);
        return { engine: "pricer bench local (LLamaSharp 0.30.0)", modes, seconds: modes.reduce((n, m) => n + m.seconds, 0), cpuSeconds: bench.cpuSeconds, peakRssMiB: bench.peakRssMiB };
    } finally {
        fs.rmSync(itemsFile, { force: true });
    }
}

// The round of median time, with every round's items/s per mode where the round has modes.
function median(list) {
    const mid = [...list].sort((a, b) => a.seconds - b.seconds)[Math.floor((list.length - 1) / 2)];
    if (!mid.modes) return mid;
    return { ...mid, modes: mid.modes.map((m, i) => ({ ...m, itemsPerSecondEachRound: list.map(r => r.modes[i].itemsPerSecond) })) };
}

// Runs pricer under /usr/bin/time for its CPU seconds and peak memory.
function runPricer(pricerArgs) {
    const run = spawnSync("/usr/bin/time", ["-f", "TIME %U %S %M", ...pricer, ...pricerArgs], { encoding: "utf8", maxBuffer: 1 << 26 });
    if (run.status !== 0) throw new Error(`pricer ${pricerArgs[0]} failed (${run.status}): ${run.stderr}`);
    const [user, system, maxKiB] = run.stderr.split("\n").find(l => l.startsWith("TIME ")).slice(5).split(" ").map(Number);
    return { stdout: run.stdout, cpuSeconds: user + system, peakRssMiB: maxKiB / 1024 };
}

function machine() {
    return { cpus: os.cpus().length, model: os.cpus()[0]?.model, loadAverage: os.loadavg(), memoryGiB: os.totalmem() / 2 ** 30 };
}

function print(r) {
    console.log(`Model ${r.model}${r.lora ? ` + LoRA ${r.lora}` : ""}; ${r.items} course test prompts; load average ${r.machine.loadAverage.map(l => l.toFixed(1)).join(" ")}\n`);
    const each = list => (list ?? []).map(v => v.toFixed(3)).join(" ");
    console.log(`rounds: ${r.rounds} (median shown); CPU s: node-llama-cpp's timed passes, pricer's whole bench process (model loads included)\n`);
    console.log("| engine | mode | items/s | items/s, all rounds | prompt tokens/s | CPU s | peak RSS MiB |\n|---|---|---|---|---|---|---|");
    console.log(`| ${r.node.engine} | one at a time | ${r.node.itemsPerSecond.toFixed(3)} | ${each(r.node.itemsPerSecondEachRound)} | ${r.node.promptTokensPerSecond.toFixed(1)} | ${r.node.cpuSeconds.toFixed(1)} | ${r.node.peakRssMiB.toFixed(0)} |`);
    for (const m of r.pricer.modes)
        console.log(`| ${r.pricer.engine} | ${m.mode} (parallel ${m.parallel}) | ${m.itemsPerSecond.toFixed(3)} | ${each(m.itemsPerSecondEachRound)} | ${m.promptTokensPerSecond.toFixed(1)} | ${r.pricer.cpuSeconds.toFixed(1)} | ${r.pricer.peakRssMiB.toFixed(0)} |`);
    console.log("\n| prompt | node-llama-cpp top 3 | pricer top 3 | same tokens |\n|---|---|---|---|");
    const show = top => top.map(c => `${JSON.stringify(c.text)} ${c.probability.toPrecision(4)}`).join(", ");
    for (const row of r.rows)
        console.log(`| ${row.prompt} | ${show(row.node)} | ${show(row.pricer)} | ${row.same ? "yes" : "**no**"} (largest difference ${row.largestProbabilityDifference.toExponential(1)}) |`);
}

function parseArgs(list) {
    const parsed = {};
    for (let i = 0; i < list.length; i += 2) {
        if (!list[i].startsWith("--")) throw new Error(`Unexpected argument ${list[i]}`);
        parsed[list[i].slice(2)] = list[i + 1];
    }
    return parsed;
}

function required(name) {
    if (!args[name]) { console.error(`--${name} is required.`); process.exit(2); }
    return args[name];
}
