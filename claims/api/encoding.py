"""Which content coding a request accepts (RFC 9110 12.5.3, Accept-Encoding), read with its weights.

Django's GZipMiddleware and WhiteNoise look for the word "gzip" anywhere in the header, so they send
gzip to a client that said "gzip;q=0" (not acceptable). Here each coding's weight is read: "gzip" or
"x-gzip" with q > 0, or "*" with q > 0 when gzip is not named, accepts gzip, unless the client weighs
"identity" (no coding) above it.
"""


def _weight(parameters: list[str]) -> float:
    for parameter in parameters:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "q":
            try:
                return min(max(float(value.strip()), 0.0), 1.0)
            except ValueError:
                return 0.0  # a weight that cannot be read accepts nothing
    return 1.0


def codings(header: str) -> dict[str, float]:
    """Each coding named in an Accept-Encoding value, lower-cased, with its weight (1 when not given)."""
    weights: dict[str, float] = {}
    for element in header.split(","):
        name, *parameters = element.split(";")
        if name := name.strip().lower():
            weights[name] = _weight(parameters)
    return weights


def accepts_gzip(header: str | None) -> bool:
    """Whether a response may be sent gzip-compressed to a request with this Accept-Encoding."""
    weights = codings(header or "")
    gzip = max((weights[name] for name in ("gzip", "x-gzip") if name in weights), default=None)
    if gzip is None:
        gzip = weights.get("*", 0.0)
    return gzip > 0 and gzip >= weights.get("identity", 0.0)
