"""Provenance: who quoted whom back to the origin, drawn, exported as W3C PROV, and re-review flags."""
