// OpenAI as an AI provider (ai.providers), through the official `openai` SDK: chat
// completions with a strict JSON schema response format. The base URL includes /v1
// (https://api.openai.com/v1; Azure OpenAI and compatible proxies work the same way).
import type { ProcedoPlugin } from "../../api/plugin.ts";
import { AI_PROVIDERS_POINT, type AiProvider } from "../ai/service.ts";

export const openaiProvider: AiProvider = {
  id: "openai",
  label: "OpenAI",
  defaultModel: "gpt-4.1-mini",
  models: ["gpt-4.1-mini", "gpt-4.1", "gpt-4o-mini", "gpt-4o"],
  baseUrlExample: "https://api.openai.com/v1",
  async generate(req) {
    // Loaded on first use, so instances that never call OpenAI never load the SDK.
    const { default: OpenAI } = await import("openai");
    const client = new OpenAI({
      apiKey: req.apiKey,
      baseURL: req.baseUrl,
      timeout: req.timeoutMs,
      maxRetries: 0,
      fetch: req.fetch,
    });
    const res = await client.chat.completions.create({
      model: req.model,
      messages: [{ role: "system", content: req.system }, ...req.messages],
      response_format: {
        type: "json_schema",
        json_schema: {
          name: req.schema.name,
          description: req.schema.description,
          schema: req.schema.json,
          strict: true,
        },
      },
      max_completion_tokens: req.maxOutputTokens,
    }, { signal: req.signal });
    return {
      output: res.choices[0]?.message?.content ?? "",
      tokensIn: res.usage?.prompt_tokens ?? 0,
      tokensOut: res.usage?.completion_tokens ?? 0,
    };
  },
};

export const aiOpenaiPlugin: ProcedoPlugin = {
  name: "ai-openai",
  description: "OpenAI (and Azure OpenAI) as an AI provider",
  dependsOn: ["ai"],
  contributes: { [AI_PROVIDERS_POINT]: openaiProvider },
};
