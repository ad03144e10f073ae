// The ai plugin's public face: the extension point for provider plugins.
export type {
  AiMessage,
  AiProvider,
  AnswerSchema,
  StructuredRequest,
  StructuredResponse,
} from "./provider.ts";
export { AI_PROVIDERS_POINT, aiProviders } from "./provider.ts";
