// Anthropic as an AI provider (ai.providers), through the official `@anthropic-ai/sdk`:
// the Messages API with one tool whose input schema is the answer, and tool_choice forcing
// it. The base URL has no /v1 (https://api.anthropic.com).
import type { ProcedoPlugin } from "../../api/plugin.ts";
import { AI_PROVIDERS_POINT, type AiProvider } from "../ai/service.ts";

export const anthropicProvider: AiProvider = {
  id: "anthropic",
  label: "Anthropic",
  defaultModel: "claude-sonnet-4-5",
  models: ["claude-sonnet-4-5", "claude-haiku-4-5", "claude-opus-4-1"],
  baseUrlExample: "https://api.anthropic.com",
  async generate(req) {
    const { default: Anthropic } = await import("@anthropic-ai/sdk");
    const client = new Anthropic({
      apiKey: req.apiKey,
      baseURL: req.baseUrl,
      timeout: req.timeoutMs,
      maxRetries: 0,
      fetch: req.fetch,
    });
    const res = await client.messages.create({
      model: req.model,
      max_tokens: req.maxOutputTokens,
      system: req.system,
      messages: req.messages,
      tools: [{
        name: req.schema.name,
        description: req.schema.description,
        input_schema: req.schema.json as { type: "object" },
      }],
      tool_choice: { type: "tool", name: req.schema.name },
    }, { signal: req.signal });
    const tool = res.content.find((b) => b.type === "tool_use");
    const text = res.content.find((b) => b.type === "text");
    return {
      output: tool && "input" in tool ? tool.input : text && "text" in text ? text.text : "",
      tokensIn: res.usage?.input_tokens ?? 0,
      tokensOut: res.usage?.output_tokens ?? 0,
    };
  },
};

export const aiAnthropicPlugin: ProcedoPlugin = {
  name: "ai-anthropic",
  description: "Anthropic as an AI provider",
  dependsOn: ["ai"],
  contributes: { [AI_PROVIDERS_POINT]: anthropicProvider },
};
