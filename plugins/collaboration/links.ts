// Where notifications and inbox items lead in the web app (paths; mails add PUBLIC_URL).
export const processLink = (processId: string) => `/processes/${processId}`;
export const commentLink = (processId: string, threadId: string) =>
  `/processes/${processId}?comment=${threadId}`;
export const problemLink = (processId: string, problemId: string) =>
  `/processes/${processId}?problem=${problemId}`;
export const approvalLink = (processId: string, approvalId: string) =>
  `/processes/${processId}?approval=${approvalId}`;
export const reviewLink = (processId: string) => `/processes/${processId}?review=1`;
export const feedbackLink = (processId: string) => `/processes/${processId}?feedback=1`;
