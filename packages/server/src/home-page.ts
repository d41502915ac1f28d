import type { TramaApp } from "./trama-app.js";

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** The home page's stylesheet, served at `/_trama/home.css` (styles are files: the CSP allows no inline styles). */
export const homeStylesheet = `
:root { color-scheme: light dark; font-family: system-ui, sans-serif; }
body { max-width: 40rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5; }
h1 { font-size: 1.6rem; margin-bottom: 0.25rem; }
ul { list-style: none; padding: 0; }
li { border: 1px solid #8884; border-radius: 0.5rem; margin: 0.75rem 0; padding: 0.75rem 1rem; }
a { font-weight: 600; font-size: 1.1rem; }
a:focus-visible { outline: 3px solid #2563eb; outline-offset: 2px; }
p { margin: 0.25rem 0 0; color: #666; }
`;

/** The home page: one link per app, in the order the apps were given. */
export function homePage(apps: readonly TramaApp[]): string {
  const items = apps
    .map(
      (app) =>
        `<li><a href="/${escapeHtml(app.name)}/">${escapeHtml(app.title)}</a>${
          app.description ? `<p>${escapeHtml(app.description)}</p>` : ""
        }</li>`,
    )
    .join("\n      ");
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Trama</title>
    <link rel="icon" href="data:,">
    <link rel="stylesheet" href="/_trama/home.css">
  </head>
  <body>
    <main>
      <h1>Trama</h1>
      <ul>
      ${items || "<li>No apps are mounted.</li>"}
      </ul>
    </main>
  </body>
</html>
`;
}
