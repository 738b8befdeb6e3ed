/** "HTTP 429: what the server said", without repeating the status when that is all it said. */
export function httpStatusText(status: number, said: string): string {
  const bare = said.trim();
  const onlyStatus = bare === '' || bare === String(status) || bare === `HTTP ${status}` || /^\d{3} status code \(no body\)$/.test(bare);
  return onlyStatus ? `HTTP ${status}` : `HTTP ${status}: ${bare}`;
}
