// Google Gemini as an AI provider (ai.providers), through the official `@google/genai` SDK:
// generateContent with responseMimeType application/json and a responseSchema. The base URL
// goes into httpOptions.baseUrl (https://generativelanguage.googleapis.com).
import type { ProcedoPlugin } from "../../api/plugin.ts";
import { AI_PROVIDERS_POINT, type AiProvider } from "../ai/service.ts";
import { toGoogleSchema } from "./schema.ts";

export const googleProvider: AiProvider = {
  id: "google",
  label: "Google Gemini",
  defaultModel: "gemini-2.5-flash",
  models: ["gemini-2.5-flash", "gemini-2.5-pro", "gemini-2.5-flash-lite"],
  baseUrlExample: "https://generativelanguage.googleapis.com",
  async generate(req) {
    const { GoogleGenAI } = await import("@google/genai");
    const client = new GoogleGenAI({
      apiKey: req.apiKey,
      httpOptions: {
        ...(req.baseUrl ? { baseUrl: req.baseUrl } : {}),
        timeout: req.timeoutMs,
        fetch: req.fetch,
      },
    });
    const res = await client.models.generateContent({
      model: req.model,
      contents: req.messages.map((m) => ({
        role: m.role === "assistant" ? "model" : "user",
        parts: [{ text: m.content }],
      })),
      config: {
        systemInstruction: req.system,
        responseMimeType: "application/json",
        responseSchema: toGoogleSchema(req.schema.json),
        maxOutputTokens: req.maxOutputTokens,
        abortSignal: req.signal,
      },
    });
    return {
      output: res.text ?? "",
      tokensIn: res.usageMetadata?.promptTokenCount ?? 0,
      tokensOut: res.usageMetadata?.candidatesTokenCount ?? 0,
    };
  },
};

export const aiGooglePlugin: ProcedoPlugin = {
  name: "ai-google",
  description: "Google Gemini as an AI provider",
  dependsOn: ["ai"],
  contributes: { [AI_PROVIDERS_POINT]: googleProvider },
};
