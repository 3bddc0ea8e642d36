// The same GGUF through two llama.cpp builds: node-llama-cpp's prebuilt CPU build (another llama.cpp version and
// binding) and pricer's LLamaSharp. For the course's real test prompts it compares the top-3 next tokens of one
// forward pass each, and the throughput: node-llama-cpp one prompt at a time, pricer `bench local` one at a time and
// batched. A benchmark, not a test: speed is measured here, never asserted.
//
//   npm install --ignore-scripts            (once, in this folder)
//   node compare.mjs --model M.gguf [--lora ADAPTER.gguf] [--items 8] [--parallel 4] [--threads 2]
//                    [--data ../../../shared/data/amazon-items-2024.jsonl] [--pricer "dotnet ../../cli/bin/Release/net10.0/pricer.dll"]
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
const parallel = Number(args.parallel ?? 4);
const threads = Number(args.threads ?? os.availableParallelism());
const context = Number(args.context ?? 256);
const data = args.data ?? path.resolve(here, "../../../shared/data/amazon-items-2024.jsonl");
const pricer = (args.pricer ?? `dotnet ${path.resolve(here, "../../cli/bin/Release/net10.0/pricer.dll")}`).split(" ");

// The course's test prompt: the training prompt cut just after "Price is $".
const prompts = fs.readFileSync(data, "utf8").split("\n").filter(Boolean).slice(0, items)
    .map(line => JSON.parse(line).prompt).map(p => p.slice(0, p.indexOf("Price is $") + "Price is $".length));

const node = await measureNode();
const ours = measurePricer();
const rows = prompts.map((prompt, i) => ({ prompt: i, node: node.top3[i], pricer: ours.top3[i],
    same: node.top3[i].map(c => c.token).join() === ours.top3[i].map(c => c.token).join(),
    largestProbabilityDifference: Math.max(...node.top3[i].map((c, k) => Math.abs(c.probability - (ours.top3[i][k]?.probability ?? 0)))) }));

const report = { model, lora: args.lora ?? null, items, threads, context, machine: machine(), node: { ...node, top3: undefined }, pricer: { ...ours, top3: undefined }, rows };
fs.mkdirSync(path.join(here, "out"), { recursive: true });
const file = path.join(here, "out", `compare-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
fs.writeFileSync(file, JSON.stringify(report, null, 2));
print(report);
console.log(`\nWrote ${file}`);
process.exit(rows.every(r => r.same) ? 0 : 1);

async function measureNode() {
    const cpuBefore = process.cpuUsage();
    const llama = await getLlama({ gpu: false, build: "never", logLevel: LlamaLogLevel.error });
    const loaded = await llama.loadModel({ modelPath: model, gpuLayers: 0 });
    const ctx = await loaded.createContext({ contextSize: context, sequences: 1, batchSize: 512, flashAttention: false, threads,
        ...(args.lora ? { lora: { adapters: [{ filePath: args.lora, scale: 1 }] } } : {}) });
    const sequence = ctx.getSequence();
    const tokenized = prompts.map(p => [loaded.tokens.bos, ...loaded.tokenize(p, false)]);

    // Top-3: one forward pass per prompt, probabilities after its last token.
    const top3 = [];
    for (const tokens of tokenized) {
        const input = [...tokens.slice(0, -1), [tokens.at(-1), { generateNext: { probabilities: true } }]];
        const output = await sequence.controlledEvaluate(input);
        const probabilities = [...output.at(-1).next.probabilities.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3);
        top3.push(probabilities.map(([token, p]) => ({ token, text: loaded.detokenize([token]), probability: p })));
        await sequence.clearHistory();
    }

    // Throughput: the same prompts again, one at a time, after a warm-up (as bench local does).
    await sequence.controlledEvaluate(tokenized[0]);
    await sequence.clearHistory();
    const start = process.hrtime.bigint();
    for (const tokens of tokenized) {
        await sequence.controlledEvaluate(tokens);
        await sequence.clearHistory();
    }
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const promptTokens = tokenized.reduce((n, t) => n + t.length, 0);
    const cpu = process.cpuUsage(cpuBefore);
    return {
        engine: `node-llama-cpp 3.21.1, llama.cpp ${llama.llamaCppRelease.release} (${llama.buildType})`,
        itemsPerSecond: prompts.length / seconds, promptTokensPerSecond: promptTokens / seconds, seconds, promptTokens,
        cpuSeconds: (cpu.user + cpu.system) / 1e6, peakRssMiB: process.resourceUsage().maxRSS / 1024, top3,
    };
}

function measurePricer() {
    const lora = args.lora ? ["--lora", args.lora] : [];
    const top3 = prompts.map(prompt => {
        const run = runPricer(["next-tokens", "--model", model, ...lora, "--prompt", prompt, "--top-k", "3", "--context", String(context), "--json"]);
        return JSON.parse(run.stdout).candidates.map(c => ({ token: c.token, text: c.text, probability: c.probability }));
    });
    const itemsFile = path.join(os.tmpdir(), `pricer-compare-${process.pid}.jsonl`);
    fs.writeFileSync(itemsFile, fs.readFileSync(data, "utf8").split("\n").filter(Boolean).slice(0, items).join("\n") + "\n");
    try {
        const bench = runPricer(["bench", "local", "--model", model, ...lora, "--test", itemsFile, "--items", String(items),
            "--parallel", String(parallel), "--context", String(context), "--threads", String(threads), "--json"]);
        const { modes } = JSON.parse(bench.stdout);
        return { engine: "pricer bench local (LLamaSharp 0.30.0)", modes, cpuSeconds: bench.cpuSeconds, peakRssMiB: bench.peakRssMiB, top3 };
    } finally {
        fs.rmSync(itemsFile, { force: true });
    }
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
    console.log("| engine | mode | items/s | prompt tokens/s | CPU s | peak RSS MiB |\n|---|---|---|---|---|---|");
    console.log(`| ${r.node.engine} | one at a time | ${r.node.itemsPerSecond.toFixed(3)} | ${r.node.promptTokensPerSecond.toFixed(1)} | ${r.node.cpuSeconds.toFixed(1)} | ${r.node.peakRssMiB.toFixed(0)} |`);
    for (const m of r.pricer.modes)
        console.log(`| ${r.pricer.engine} | ${m.mode} (parallel ${m.parallel}) | ${m.itemsPerSecond.toFixed(3)} | ${m.promptTokensPerSecond.toFixed(1)} | ${r.pricer.cpuSeconds.toFixed(1)} | ${r.pricer.peakRssMiB.toFixed(0)} |`);
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
