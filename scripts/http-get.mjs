#!/usr/bin/env node
// Minimal HTTP GET for the shell scripts (no curl needed): prints the status code on stderr's last
// line when --status is given, otherwise the body (pretty JSON when it is JSON); exit 1 on a failure.
const [url, flag] = process.argv.slice(2);
try {
  const response = await fetch(url);
  if (flag === '--status') {
    console.log(response.status);
    process.exit(0);
  }
  const text = await response.text();
  if (!response.ok) process.exit(1);
  try {
    console.log(JSON.stringify(JSON.parse(text), null, 2));
  } catch {
    console.log(text);
  }
} catch {
  if (flag === '--status') console.log('000');
  process.exit(1);
}
