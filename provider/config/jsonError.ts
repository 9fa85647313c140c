// What a JSON syntax error may keep of itself when it becomes the cause of a setting's error.
/**
 * A JSON syntax error that can be kept as a cause: Node.js's message with the text it quotes
 * (`Unexpected token 's', "{"a": secret…" is not valid JSON`) left out, since a credential file or
 * a secret setting may be what it quotes.
 */
export function unquotedJsonError(err: unknown): SyntaxError {
  const message = String((err as { message?: unknown })?.message)
    .replace(/'[^']*'/g, "a character")
    .replace(/"[\s\S]*" is not valid JSON/, "the text is not valid JSON");
  return new SyntaxError(message);
}
