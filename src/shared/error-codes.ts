/** Stable error codes: scripts and the UI branch on these words, never on messages. */
export const ERROR_CODES = {
  INVALID_INPUT: 'The input did not pass validation.',
  UNKNOWN_METHOD: 'There is no such API method.',
  INTERNAL: 'Something failed inside the console.',
  NOT_FOUND: 'No such record.',
} as const;

export type KnownErrorCode = keyof typeof ERROR_CODES;
