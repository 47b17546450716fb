"""A small news site on 127.0.0.1 for the fetching, ingest and watching tests.

Its article pages look like real ones: a navigation bar, a byline, the story, a box of
related stories, a newsletter sign-up and a footer. Tests edit `site.pages` to change an
article between two fetches. It also serves what a hostile or broken site would: a
50 MB body (made on the fly, never held in memory), redirects to private addresses,
pages that are gone, and a robots.txt that closes a directory.
"""

import hashlib
import threading
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

PREFERRED_PORT = 8118

FURNITURE = [
    "Subscribe for €1 a week",
    "Most read this week",
    "Belgium expels 21 Russian diplomats over spying",
    "Weather: rain spreads from the west",
    "Cookie settings",
    "© 2022 The Daily Ledger. All rights reserved.",
    "Sign up for our morning newsletter",
]


def article_html(
    *, title: str, paragraphs: list[str], byline: str = "Anna de Vries", lang: str = "en"
) -> str:
    body = "\n".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
  <meta charset="utf-8">
  <title>{title} | The Daily Ledger</title>
  <meta property="og:title" content="{title}">
  <meta property="og:site_name" content="The Daily Ledger">
  <meta name="author" content="{byline}">
  <meta property="article:published_time" content="2022-03-29T09:30:00+02:00">
</head>
<body>
  <header>
    <a href="/" class="logo">The Daily Ledger</a>
    <nav aria-label="Sections"><ul>
      <li><a href="/world/">World</a></li><li><a href="/politics/">Politics</a></li>
      <li><a href="/business/">Business</a></li><li><a href="/sport/">Sport</a></li>
      <li><a href="/subscribe/">Subscribe for €1 a week</a></li>
    </ul></nav>
    <div class="cookie-banner">We use cookies. <a href="/cookies/">Cookie settings</a></div>
  </header>
  <main>
    <article>
      <h1>{title}</h1>
      <p class="byline">By <a href="/authors/anna/" rel="author">{byline}</a>, <time datetime="2022-03-29">29 March 2022</time></p>
      <figure><img src="/img/embassy.jpg" alt=""><figcaption>The Russian embassy in The Hague. Photo: ANP</figcaption></figure>
      <div class="article-body">
{body}
      </div>
    </article>
    <aside class="related">
      <h2>Most read this week</h2>
      <ul>
        <li><a href="/world/belgium-expels/">Belgium expels 21 Russian diplomats over spying</a></li>
        <li><a href="/weather/">Weather: rain spreads from the west</a></li>
        <li><a href="/politics/budget/">Cabinet agrees on spring budget after late-night talks</a></li>
      </ul>
    </aside>
    <section class="newsletter"><h2>Sign up for our morning newsletter</h2>
      <form action="/newsletter/"><input type="email" name="email"><button>Sign up</button></form></section>
  </main>
  <footer>
    <ul><li><a href="/about/">About us</a></li><li><a href="/privacy/">Privacy</a></li><li><a href="/contact/">Contact</a></li></ul>
    <p>© 2022 The Daily Ledger. All rights reserved.</p>
  </footer>
</body>
</html>"""


EXPULSION = [
    "The Netherlands has expelled 17 Russian intelligence officers who were accredited as diplomats, "
    "the Dutch foreign ministry said on Tuesday.",
    "The officers posed a threat to national security, Foreign Minister Wopke Hoekstra said in a letter to "
    "parliament. They have two weeks to leave the country.",
    "The Russian embassy called the decision unfounded and said Moscow would respond in due course.",
    "Belgium and Ireland expelled Russian diplomats on the same day, in what officials described as a "
    "coordinated move by European governments.",
]


@dataclass
class NewsSite:
    host: str
    port: int
    pages: dict[str, str] = field(default_factory=dict)  # path -> HTML
    robots: str | int = "User-agent: *\nDisallow: /private/\n"  # or the status robots.txt answers
    huge_bytes_sent: int = 0
    requests: list[tuple[str, dict]] = field(default_factory=list)  # (path, headers) of each request

    def url(self, path: str) -> str:
        return f"http://{self.host}:{self.port}{path}"


def _etag(html: str) -> str:
    return '"' + hashlib.sha256(html.encode()).hexdigest()[:16] + '"'


def handler_for(site: NewsSite):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format, *args):
            pass

        def do_GET(self):
            parts = urlsplit(self.path)
            path, query = parts.path, parse_qs(parts.query)
            site.requests.append((path, dict(self.headers.items())))
            if path == "/robots.txt":
                if isinstance(site.robots, int):  # a status instead of rules
                    return self._send(site.robots, "")
                return self._send(200, site.robots, "text/plain")
            if path in site.pages:
                html = site.pages[path]
                etag = _etag(html)
                if self.headers.get("If-None-Match") == etag:
                    return self._send(304, "", headers={"ETag": etag})
                return self._send(200, html, headers={"ETag": etag, "Last-Modified": formatdate(usegmt=True)})
            if path == "/gone/":
                return self._send(410, "<h1>Gone</h1>")
            if path == "/redirect/":
                return self._send(302, "", headers={"Location": query["to"][0]})
            if path == "/huge/":
                return self._huge(declared="declared" in query)
            if path == "/plain/":
                return self._send(200, "A plain text statement.\nIt has two lines.", "text/plain")
            return self._send(404, "<h1>Not found</h1>")

        def _send(self, status, body, content_type="text/html; charset=utf-8", headers=None):
            data = body.encode("utf-8")
            self.send_response(status)
            if status != 304:
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)

        def _huge(self, *, declared: bool):
            """50 MB of HTML, made a chunk at a time; stops when the client hangs up."""
            chunk = b"<p>" + b"filler " * 9000 + b"</p>\n"
            total = 50_000_000
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            if declared:
                self.send_header("Content-Length", str(total))
            else:
                self.send_header("Connection", "close")
            self.end_headers()
            try:
                while site.huge_bytes_sent < total:
                    self.wfile.write(chunk)
                    site.huge_bytes_sent += len(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
            self.close_connection = True

    return Handler


def start(host: str = "127.0.0.1", port: int = PREFERRED_PORT) -> tuple[NewsSite, ThreadingHTTPServer]:
    """Serve a news site in a thread, on `port` when it is free (else one the system picks)."""
    site = NewsSite(host=host, port=port)
    try:
        server = ThreadingHTTPServer((host, port), handler_for(site))
    except OSError:  # another test process has the port
        server = ThreadingHTTPServer((host, 0), handler_for(site))
    server.daemon_threads = True
    site.port = server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return site, server
