/**
 * The default council from a running Ollama: its chat models, up to three, from different families where it has
 * them. Ollama is asked once, with a short time limit, so that a machine without it moves on at once.
 * @module
 */
import { resolveOllamaBaseURL } from "@trama/ollama";
import type { CouncilModelSpec } from "../council-config.js";

/** One model as Ollama's `/api/tags` lists it. */
interface OllamaTag {
  name: string;
  details?: { family?: string; families?: string[] | null; parameter_size?: string };
}

/** What the probe found: the server's models, or why there is no server. */
export type OllamaProbe =
  | { ok: true; baseURL: string; models: OllamaTag[] }
  | { ok: false; baseURL: string; reason: string };

/** Asks Ollama (at `OLLAMA_HOST`, read the Ollama CLI's way, else 127.0.0.1:11434) which models it has. */
export async function probeOllama(options: {
  env: Readonly<Record<string, string | undefined>>;
  timeoutMs?: number;
  signal?: AbortSignal;
}): Promise<OllamaProbe> {
  const baseURL = resolveOllamaBaseURL(undefined, options.env.OLLAMA_HOST);
  const timeoutMs = options.timeoutMs ?? 1500;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  try {
    const response = await fetch(`${baseURL}/api/tags`, { signal });
    if (!response.ok) return { ok: false, baseURL, reason: `${baseURL} answered HTTP ${response.status}` };
    const body = (await response.json()) as { models?: OllamaTag[] };
    return { ok: true, baseURL, models: Array.isArray(body.models) ? body.models : [] };
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason;
    const reason = timeout.aborted ? `no answer within ${timeoutMs} ms` : "nothing listens there";
    void error;
    return { ok: false, baseURL, reason: `no Ollama at ${baseURL} (${reason})` };
  }
}

/** Families of embedding-only models, which cannot answer questions. */
const embeddingFamilies = /bert|nomic|embed/i;

/**
 * Up to `count` chat models, one per family first (in Ollama's order, most recently changed first), then others;
 * embedding models are skipped. The largest becomes the chairman, the smallest titles conversations.
 */
export function pickOllamaMembers(
  models: readonly OllamaTag[],
  options: { baseURL: string; count?: number },
): { members: CouncilModelSpec[]; chairman?: string; titleModel?: string } {
  const count = options.count ?? 3;
  const chat = models.filter(
    (model) =>
      typeof model.name === "string" &&
      !embeddingFamilies.test(model.name) &&
      !embeddingFamilies.test(model.details?.family ?? ""),
  );
  const picked: OllamaTag[] = [];
  const families = new Set<string>();
  for (const model of chat) {
    const family = (model.details?.family ?? model.name.split(/[:\d.]/)[0] ?? model.name).toLowerCase();
    if (picked.length < count && !families.has(family)) {
      families.add(family);
      picked.push(model);
    }
  }
  for (const model of chat) if (picked.length < count && !picked.includes(model)) picked.push(model);
  const modelOptions = { baseURL: options.baseURL };
  const members = picked.map((model) => ({ model: `ollama:${model.name}`, name: model.name, modelOptions }));
  const bySize = [...picked].sort((a, b) => parameters(b) - parameters(a));
  return {
    members,
    ...(bySize[0] ? { chairman: bySize[0].name } : {}),
    ...(bySize.at(-1) ? { titleModel: bySize.at(-1)!.name } : {}),
  };
}

/** `7.6B` → 7.6e9; unknown sizes count as 0. */
function parameters(model: OllamaTag): number {
  const match = /^([\d.]+)\s*([KMBT])?/i.exec(model.details?.parameter_size ?? "");
  if (!match) return 0;
  const scale = { K: 1e3, M: 1e6, B: 1e9, T: 1e12 }[(match[2] ?? "").toUpperCase() as "K"] ?? 1;
  return Number(match[1]) * scale;
}
