#!/usr/bin/env bash
# The local model at its real size on one NVIDIA GPU, after `git clone` with nothing else: builds the CUDA build, makes
# the synthetic Llama 3.1 8B-shaped Q4_K_M model (and the course's r 32 LoRA for it) if missing, then runs
# `pricer bench local` at several --parallel values with and without the LoRA, and prints items/s, prompt tokens/s,
# the devices and the llama.cpp build. Needs: the NVIDIA driver, the CUDA 12 runtime, the .NET 10 SDK, ~25 GB of disk
# (the F16 intermediate is 16 GB), and the public NuGet feed (LLamaSharp.Backend.Cuda12). Untested where it was written:
# that package is not served there and no GPU was lent.
#
#   bench/gpu/bench-gpu.sh [PARALLEL...]        (default: 1 8 32 64)
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${PRICER_GPU_BENCH_OUT:-out/gpu-bench}
parallels=("${@:-1 8 32 64}")
read -r -a parallels <<< "${parallels[*]}"
mkdir -p "$out"

if ! nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader; then
  echo "nvidia-smi failed: install the NVIDIA driver first." >&2
  exit 1
fi

dotnet build cli/pricer.csproj -c Release -p:PricerCuda=true -v q
pricer=(dotnet cli/bin/Release/net10.0/pricer.dll)

model="$out/llama-3.1-8b-q4_k_m.gguf"
if [ ! -f "$model" ]; then
  if [ ! -f ../shared/models/llama3-tokenizer/tokenizer.model ] && [ -z "${PRICER_TOKENIZER:-}" ]; then
    "${pricer[@]}" download-tokenizer   # Meta's public tokenizer.model (Llama 3 Community License), no login
  fi
  "${pricer[@]}" make-model --shape llama-3.1-8b --type q4_k_m --out "$model"
fi
lora="$out/lora-8b-course-2024.gguf"
if [ ! -f "$lora" ]; then
  "${pricer[@]}" make-adapter --shape llama-3.1-8b --preset course-2024 --out "$out/lora-8b-course-2024" --force
  "${pricer[@]}" convert-lora --adapter "$out/lora-8b-course-2024" --base "$model" --out "$lora"
fi

test_args=()
if [ -f ../shared/data/amazon-items-2024.jsonl ]; then test_args=(--test ../shared/data/amazon-items-2024.jsonl); fi

echo "LLamaSharp $(grep -o '<LLamaSharpVersion>[^<]*' Directory.Build.props | cut -d'>' -f2); llama.cpp libraries:"
find cli/bin/Release/net10.0/runtimes -name 'libllama.so' -o -name 'libggml-cuda.so' | xargs -r sha256sum
results="$out/bench-$(date -u +%Y%m%dT%H%M%SZ).jsonl"
for p in "${parallels[@]}"; do
  items=$(( p * 4 > 64 ? p * 4 : 64 ))
  for adapter in none "$lora"; do
    lora_args=()
    if [ "$adapter" != none ]; then lora_args=(--lora "$adapter"); fi
    echo "== --parallel $p, LoRA: $adapter"
    # The guard makes a run that would fall back to the CPU an error, so every line below ran on the GPU.
    "${pricer[@]}" bench local --model "$model" "${lora_args[@]}" "${test_args[@]}" --items "$items" --parallel "$p" \
      --gpu-layers -1 --flash-attention --json | tee -a "$results"
  done
done
echo "Wrote $results"
