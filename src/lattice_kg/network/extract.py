"""The actor network as the graph states it: ties between actors, each with the facts behind it.

Two actors are tied when they are co-members of a mechanism, parties to one agreement or participants
in one event. Each such shared fact is a `Link`; a `Tie` gathers the links of one pair of actors.
Everything comes from SPARQL over the store, never from a list kept in code: which actors are nodes
(by class), who the hub's allies and partners are (members of the alliance systems), the domains.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations
from typing import TYPE_CHECKING

from ..core import vocab
from ..core.errors import InputError, LatticeError
from ..sparql import Engine, Value, with_terms

if TYPE_CHECKING:
    import pyoxigraph

LAT = vocab.LAT

# Actors that can be nodes: collective actors that join mechanisms, sign agreements and attend events as
# themselves. Persons act for a state (Kishida for Japan) and government bodies are parts of one (the JMSDF,
# the Biden administration): as nodes they would tie a state to its own organs and count its ties twice.
NODE_CLASSES = ("State", "Region", "InternationalOrganization")

PREFIXES = vocab.vocabulary().sparql("lat", "rdfs", "skos", "prov")
_NODE = (
    "?{v} a/rdfs:subClassOf* ?{v}Class . VALUES ?{v}Class {{ "
    + " ".join(f"lat:{c}" for c in NODE_CLASSES)
    + " }}"
)

# One row per (fact, actor): the fact's own date, the qualified statement and its start date if any.
# Co-membership in an alliance system is left out: it is the system measured, and would tie every ally
# to every other by definition.
MEMBERS = (
    PREFIXES
    + f"""
SELECT DISTINCT ?via ?actor ?stmt ?date ?start WHERE {{
  {{ ?via lat:hasMember ?actor }} UNION {{ ?s lat:membershipIn ?via ; lat:membershipActor ?actor }}
  FILTER NOT EXISTS {{ ?via a/rdfs:subClassOf* lat:AllianceSystem }}
  {_NODE.format(v="actor")}
  OPTIONAL {{ ?stmt lat:membershipIn ?via ; lat:membershipActor ?actor .
             OPTIONAL {{ ?stmt lat:startDate ?start }} }}
  OPTIONAL {{ ?via lat:startDate ?date }}
}}"""
)

PARTIES = (
    PREFIXES
    + f"""
SELECT DISTINCT ?via ?actor ?date WHERE {{
  ?via a/rdfs:subClassOf* lat:Agreement ; lat:party ?actor .
  {_NODE.format(v="actor")}
  OPTIONAL {{ ?via lat:date ?date }}
}}"""
)

PARTICIPANTS = (
    PREFIXES
    + f"""
SELECT DISTINCT ?via ?actor ?stmt ?date ?start WHERE {{
  ?via a/rdfs:subClassOf* lat:Event .
  {{ ?via lat:participant ?actor }} UNION {{ ?s lat:participationIn ?via ; lat:participationActor ?actor }}
  {_NODE.format(v="actor")}
  OPTIONAL {{ ?stmt lat:participationIn ?via ; lat:participationActor ?actor .
             OPTIONAL {{ ?stmt lat:startDate ?start }} }}
  OPTIONAL {{ ?via lat:date|lat:startDate ?date }}
}}"""
)

# The top domains (no broader domain) a fact, a statement or the mechanism it belongs to is placed in.
DOMAINS = (
    PREFIXES
    + """
SELECT DISTINCT ?x ?top WHERE {
  ?x lat:withinMechanism*/lat:inDomain/lat:subDomainOf* ?top .
  FILTER NOT EXISTS { ?top lat:subDomainOf ?broader }
}"""
)

TOP_DOMAINS = (
    PREFIXES
    + """
SELECT ?domain ?label WHERE {
  ?domain a lat:Domain ; rdfs:label|skos:prefLabel ?label .
  FILTER NOT EXISTS { ?domain lat:subDomainOf ?broader }
}"""
)

FOOTNOTES = PREFIXES + "SELECT ?x ?note WHERE { ?x prov:wasDerivedFrom ?note }"

ALLIES = (
    PREFIXES
    + """
SELECT DISTINCT ?actor WHERE {
  ?system a/rdfs:subClassOf* lat:AllianceSystem .
  { ?system lat:hasMember ?actor } UNION { ?s lat:membershipIn ?system ; lat:membershipActor ?actor }
}"""
)

ACTORS = (
    PREFIXES
    + f"""
SELECT ?actor ?actorClass ?label WHERE {{
  {_NODE.format(v="actor")}
  OPTIONAL {{ ?actor skos:prefLabel ?label }}
}}"""
)

# The dated facts the network is built from: the years its series runs over.
FACT_DATES = (
    PREFIXES
    + """
SELECT DISTINCT ?date WHERE {
  VALUES ?kind { lat:Mechanism lat:Agreement lat:Event lat:Membership lat:Participation }
  ?x a/rdfs:subClassOf* ?kind ; lat:date|lat:startDate ?date .
}"""
)


@dataclass(frozen=True)
class Link:
    """One fact that ties two actors: a shared mechanism, agreement or event, with its evidence."""

    kind: str  # membership | agreement | event
    via: str  # the mechanism, agreement or event
    facts: tuple[str, ...]  # fact nodes: membership/participation statements, the agreement, the event
    footnotes: tuple[str, ...]
    date: str | None  # when both actors are known to share it (YYYY, YYYY-MM or YYYY-MM-DD)
    domains: frozenset[str]  # top domains

    def to_json(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "via": self.via,
            "facts": list(self.facts),
            "footnotes": list(self.footnotes),
            "date": self.date,
            "domains": sorted(self.domains),
        }


@dataclass
class Tie:
    """An unordered pair of actors (a < b) and every link between them."""

    a: str
    b: str
    links: list[Link] = field(default_factory=list)

    @property
    def first_date(self) -> str | None:
        """The earliest date at which a fact behind the tie holds; None when no fact is dated."""
        dates = [link.date for link in self.links if link.date]
        return min(dates) if dates else None

    @property
    def year(self) -> int | None:
        first = self.first_date
        return int(first[:4]) if first else None

    @property
    def kinds(self) -> list[str]:
        return sorted({link.kind for link in self.links})

    @property
    def domains(self) -> frozenset[str]:
        return frozenset().union(*(link.domains for link in self.links))

    @property
    def facts(self) -> list[str]:
        return sorted({f for link in self.links for f in link.facts})

    @property
    def footnotes(self) -> list[str]:
        return sorted({n for link in self.links for n in link.footnotes})


@dataclass(frozen=True)
class Actor:
    iri: str
    kind: str  # the node class, e.g. State
    labels: dict[str, str]  # lang -> preferred label

    def label(self, lang: str) -> str:
        return self.labels.get(lang) or self.labels.get("en") or short(self.iri)


@dataclass
class Network:
    """What the graph says about the actor network, before any measure."""

    actors: dict[str, Actor]
    ties: list[Tie]
    allies: frozenset[str]  # members of the alliance systems (the hub may be one; measures exclude it)
    domains: dict[str, dict[str, str]]  # top domain IRI -> lang -> label
    fact_years: tuple[int, int] | None  # earliest and latest year of a dated fact


def short(iri: str) -> str:
    return vocab.curie(iri)


def _latest(dates: Iterable[str | None]) -> str | None:
    """A shared fact holds from the latest of the dates given for it (the second member's entry)."""
    known = [d for d in dates if d]
    return max(known) if known else None


def extract(store: pyoxigraph.Store) -> Network:
    """Read the actor network from a store."""
    engine = Engine(store=store)

    def rows(query: str) -> list[dict[str, str]]:
        return [{k: v.value for k, v in row.items()} for row in engine.select(query).rows]

    notes: dict[str, set[str]] = defaultdict(set)
    for row in rows(FOOTNOTES):
        notes[row["x"]].add(row["note"])
    domains_of: dict[str, set[str]] = defaultdict(set)
    for row in rows(DOMAINS):
        domains_of[row["x"]].add(row["top"])

    # (kind, via) -> actor -> (statement or None, its start date or None); and via -> its own date
    members: dict[tuple[str, str], dict[str, tuple[str | None, str | None]]] = defaultdict(dict)
    own_date: dict[str, str | None] = {}
    for kind, query in (("membership", MEMBERS), ("agreement", PARTIES), ("event", PARTICIPANTS)):
        for row in rows(query):
            via, actor = row["via"], row["actor"]
            known = members[(kind, via)].get(actor, (None, None))
            stmt = row.get("stmt") or known[0]
            start = min(filter(None, (row.get("start"), known[1])), default=None)
            members[(kind, via)][actor] = (stmt, start)
            dates = [d for d in (row.get("date"), own_date.get(via)) if d]
            own_date[via] = min(dates) if dates else None

    ties: dict[tuple[str, str], Tie] = {}
    for (kind, via), by_actor in sorted(members.items()):
        for a, b in combinations(sorted(by_actor), 2):
            (stmt_a, start_a), (stmt_b, start_b) = by_actor[a], by_actor[b]
            statements = [s for s in (stmt_a, stmt_b) if s]
            # membership statements are the facts of a co-membership; an agreement or event is a fact itself
            facts = tuple(statements) if kind == "membership" and statements else (via, *statements)
            link = Link(
                kind=kind,
                via=via,
                facts=facts,
                footnotes=tuple(sorted(set().union(*(notes[f] for f in facts)))),
                date=_latest((own_date.get(via), start_a, start_b)),
                domains=frozenset(set().union(*(domains_of[x] for x in (via, *statements)))),
            )
            ties.setdefault((a, b), Tie(a, b)).links.append(link)

    actors: dict[str, Actor] = {}
    for row in engine.select(ACTORS).rows:
        iri = row["actor"].value
        actor = actors.setdefault(iri, Actor(iri, row["actorClass"].value.rsplit("#", 1)[-1], {}))
        if "label" in row:
            actor.labels.setdefault(row["label"].lang or "", row["label"].value)

    domains: dict[str, dict[str, str]] = {}
    for row in engine.select(TOP_DOMAINS).rows:
        domains.setdefault(row["domain"].value, {}).setdefault(row["label"].lang or "", row["label"].value)

    years = sorted(int(row["date"][:4]) for row in rows(FACT_DATES) if row["date"][:4].isdigit())
    return Network(
        actors=actors,
        ties=sorted(ties.values(), key=lambda t: (t.a, t.b)),
        allies=frozenset(row["actor"] for row in rows(ALLIES)),
        domains=domains,
        fact_years=(years[0], years[-1]) if years else None,
    )


def resolve_actor(store: pyoxigraph.Store, option: str, text: str) -> str:
    """An actor IRI from a label, slug or IRI, as the other commands accept; it must be able to be a node."""
    engine = Engine(store=store)
    try:
        iri = engine.resolve("actor", "actor", text).value
    except LatticeError as exc:
        raise InputError(f"{option}: {exc}") from None
    query = PREFIXES + f"ASK WHERE {{ {_NODE.format(v='x')} }}"
    if not store.query(with_terms(query, {"x": Value("uri", iri)})):
        raise InputError(
            f"{option} {text!r}: {short(iri)} is not a state, region or international organisation",
        )
    return iri
