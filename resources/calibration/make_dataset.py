#!/usr/bin/env python3
"""Generates the built-in calibration dataset, resources/calibration/*.txt (one file per category).

All text is written for EXL2 Studio: hand-written sentence templates and word lists are combined by a
seeded generator, so the output is varied, deterministic and free of third-party text. Passages are
separated by two empty lines ("\n\n\n"), which the C++ side (splitPassages) relies on.
Run from anywhere: python3 resources/calibration/make_dataset.py
"""
import os
import random
import re

OUT = os.path.dirname(os.path.abspath(__file__))
SEP = "\n\n\n"


def fill(rng, template, vocab):
    """Replaces each {slot} by a random entry of vocab[slot]; {{ and }} stand for literal braces."""
    def one(m):
        if m.group(1) is None:
            return m.group(0)[0]
        return rng.choice(vocab[m.group(1)])
    return re.sub(r"\{\{|\}\}|\{(\w+)\}", one, template)


def sentence(s):
    """Capitalises the first letter and drops the full stop before a closing quote + comma/dash."""
    for a, b in ((".“,", "“,"), (". »,", " »,"), (".» —", "» —")):
        s = s.replace(a, b)
    return s[0].upper() + s[1:] if s else s


def paragraphs(rng, templates, vocab, sentences=(3, 7), paras=(2, 4), joiner=" "):
    ps = []
    for _ in range(rng.randint(*paras)):
        picked = rng.sample(templates, min(len(templates), rng.randint(*sentences)))
        ps.append(joiner.join(sentence(fill(rng, t, vocab)) for t in picked))
    return "\n\n".join(ps)


def write(name, passages):
    text = SEP.join(p.strip("\n") for p in passages) + "\n"
    with open(os.path.join(OUT, name + ".txt"), "w", encoding="utf-8") as f:
        f.write(text)
    return len(text.encode("utf-8"))


# ---------------------------------------------------------------- English prose and dialogue
PROSE_VOCAB = {
    "name": ["Mara", "Tobias", "Ines", "Old Pell", "Kenji", "Aurelie", "Dmitri", "Nadia", "Farouk", "Lena",
             "the ferryman", "the baker's daughter", "Captain Ysolde", "a tired surveyor", "Priya", "Bram", "Odette"],
    "place": ["the harbour", "a crooked lighthouse", "the salt marsh", "the clock tower", "a closed library",
              "the orchard behind the mill", "the night market", "the mountain pass", "a flooded quarry",
              "the railway platform", "the glasshouse", "a narrow stair above the bakery", "the frozen canal"],
    "object": ["a brass key", "a letter with no stamp", "a jar of blue ink", "a broken compass", "a map drawn on linen",
               "a pocket watch that ran backwards", "a paper lantern", "a bundle of dried lavender", "a rusted bicycle",
               "a violin case", "a cracked teacup", "a notebook full of numbers", "a wooden fox"],
    "weather": ["rain drummed on the tin roofs", "fog rolled in from the water", "the wind smelled of iron",
                "snow fell in slow, heavy flakes", "the heat pressed down like a hand", "thunder muttered far away",
                "the evening light turned the walls copper", "a thin frost silvered the grass"],
    "feeling": ["uneasy", "quietly hopeful", "furious", "amused", "homesick", "curious", "exhausted", "stubborn",
                "embarrassed", "relieved", "suspicious", "tender"],
    "verb": ["found", "lost", "hid", "repaired", "traded away", "buried", "returned", "sketched", "stole", "polished",
             "examined", "forgot"],
    "time": ["At dawn", "Long after midnight", "On the third day", "Before the bells rang", "That winter",
             "Every Thursday", "Just as the tide turned", "Years later", "By noon", "In the last week of autumn"],
}
PROSE_T = [
    "{time}, {name} {verb} {object} near {place}.",
    "Nobody in town remembered who had left {object} at {place}, but {name} felt {feeling} about it.",
    "{weather}, and {name} walked faster.",
    "{name} had always believed that {place} kept its own secrets.",
    "It was {name} who first noticed that {object} was missing.",
    "For a long moment {name} said nothing; {weather}.",
    "\"We should not be here,\" thought {name}, {feeling} and cold.",
    "The story people told about {place} changed every time it was told.",
    "{time}, {weather}, and the streets around {place} emptied.",
    "{name} turned {object} over in both hands, looking for a mark, a date, anything.",
    "Later, {name} would say the day began ordinarily enough.",
    "There was a smell of smoke and wet stone at {place}.",
    "{name} counted the steps, lost count, and started again.",
    "Somewhere below, a door slammed, and {name} felt suddenly {feeling}.",
    "The letter said only: come to {place}, bring {object}, tell no one.",
    "By the time {name} reached {place}, {weather}.",
    "Some debts, {name} decided, are paid in time rather than money.",
    "{name} laughed, though nothing was funny, because {object} had been there all along.",
]
DIALOGUE_VOCAB = dict(PROSE_VOCAB)
DIALOGUE_VOCAB.update({
    "topic": ["the rent", "the old bridge", "your brother's boat", "the election", "the missing goat", "the recipe",
              "the train timetable", "the broken heater", "the exam results", "the storm warning", "the new neighbour"],
    "reply": ["I doubt it.", "Maybe. Maybe not.", "You always say that.", "Fine, but you're paying.", "Since when?",
              "Don't look at me like that.", "Ask me again tomorrow.", "That's not what I heard.", "Absolutely not.",
              "Well, it's a start.", "I was hoping you'd forgotten.", "Say that slower."],
})
DIALOGUE_T = [
    "\"Did you hear about {topic}?\" asked {name}.",
    "\"{reply}\" {name} replied.",
    "\"If we leave now we can reach {place} before dark.\"",
    "\"What is that?\" \"It's {object}. Don't touch it.\"",
    "\"I'm not {feeling},\" said {name}. \"I'm thinking.\"",
    "\"Who told you about {topic}?\" \"{reply}\"",
    "\"You {verb} {object}?\" \"I had no choice.\"",
    "\"{reply}\" \"Then why are you still here?\"",
    "\"Tell me again what happened at {place}.\"",
    "\"We need to talk about {topic}.\" \"Now?\" \"Now.\"",
    "{name} shrugged. \"{reply}\"",
    "\"Listen,\" said {name}, \"{weather}, and I am not walking home.\"",
]


def prose(rng):
    return [paragraphs(rng, PROSE_T, PROSE_VOCAB, (4, 8), (2, 5)) for _ in range(60)]


def dialogue(rng):
    out = []
    for _ in range(100):
        lines = [fill(rng, rng.choice(DIALOGUE_T), DIALOGUE_VOCAB) for _ in range(rng.randint(6, 14))]
        if rng.random() < 0.3:  # a chat transcript or a screenplay layout now and then
            a, b = rng.sample(PROSE_VOCAB["name"][:10], 2)
            lines = [f"{(a if i % 2 == 0 else b).upper()}: {l.replace(chr(34), '')}" for i, l in enumerate(lines)]
        out.append("\n".join(lines))
    return out


# ---------------------------------------------------------------- technical and encyclopedic
CONCEPTS = [
    ("a hash table", "maps keys to values through a hash function", "average constant-time lookup", "collisions must be resolved by chaining or probing"),
    ("a B-tree", "keeps sorted keys in wide nodes", "few disk reads per lookup", "nodes split and merge as keys come and go"),
    ("a mutex", "lets one thread at a time enter a critical section", "simple reasoning about shared state", "holding it too long serialises the program"),
    ("garbage collection", "reclaims memory that no live reference reaches", "no manual frees", "pauses that are hard to predict"),
    ("a write-ahead log", "records each change before applying it", "recovery after a crash", "the log must be flushed to stable storage"),
    ("TCP", "delivers an ordered, reliable byte stream", "retransmission of lost segments", "head-of-line blocking on a lossy link"),
    ("a content delivery network", "serves copies of files from servers near the user", "lower latency", "stale caches after an update"),
    ("quantization", "stores numbers with fewer bits", "smaller and faster models", "a loss of precision that must be measured"),
    ("a Cholesky factorization", "writes a symmetric positive definite matrix as L times its transpose", "stable, cheap solves", "it fails when the matrix is not positive definite"),
    ("a bloom filter", "tests set membership with a bit array and several hashes", "tiny memory use", "false positives at a tunable rate"),
    ("a compiler's register allocator", "assigns variables to a limited set of registers", "fewer memory accesses", "spilling when registers run out"),
    ("a load balancer", "spreads requests over several servers", "higher throughput and failover", "sticky sessions complicate it"),
    ("memory-mapped I/O", "exposes a file as a range of addresses", "lazy loading by the page", "page faults on first touch"),
    ("an index in a database", "keeps a sorted copy of selected columns", "fast searches", "slower inserts and extra storage"),
    ("a transformer layer", "mixes tokens with attention and then applies a feed-forward network", "long-range context", "cost quadratic in the sequence length"),
    ("a Kalman filter", "blends a prediction with a noisy measurement", "smooth state estimates", "it assumes roughly Gaussian noise"),
    ("public-key cryptography", "uses a key pair where one key encrypts and the other decrypts", "no shared secret in advance", "keys must be authenticated"),
    ("a ring buffer", "stores items in a fixed array that wraps around", "no allocation after start-up", "a full buffer must drop or block"),
    ("copy-on-write", "shares data until someone modifies it", "cheap copies", "a surprise cost at the first write"),
    ("a version control system", "records snapshots of files with their history", "safe experiments and collaboration", "merge conflicts"),
    ("an interrupt handler", "runs when hardware signals the processor", "prompt reaction to devices", "it must be short and must not block"),
    ("a sparse matrix format", "stores only the non-zero entries", "memory proportional to the non-zeros", "irregular memory access"),
    ("a rate limiter", "caps how many requests pass per second", "protection from bursts", "legitimate users may be throttled"),
    ("floating-point arithmetic", "represents reals with a sign, an exponent and a mantissa", "a huge dynamic range", "rounding error that accumulates"),
]
TECH_VOCAB = {"n": ["4", "8", "16", "32", "64", "128", "1024", "4096"],
              "unit": ["milliseconds", "microseconds", "megabytes", "requests per second", "cache lines", "kilobytes"]}
TECH_T = [
    "{C} {what}.", "The main benefit of {c} is {pro}.", "The catch is that {con}.",
    "In practice, {c} is tuned by measuring, not by guessing.", "A common mistake is to add {c} before profiling shows a need for it.",
    "When the working set grows past {n} {unit}, the behaviour of {c} changes noticeably.",
    "Most textbooks introduce {c} early, yet its failure modes are rarely discussed.",
    "To test {c}, feed it adversarial input as well as typical input.", "Engineers reach for {c} because {pro} matters more than simplicity there.",
    "Remember that {con}; plan for it from the first design sketch.",
]


def technical(rng):
    out = []
    for _ in range(55):
        paras = []
        for _ in range(rng.randint(2, 4)):
            c, what, pro, con = rng.choice(CONCEPTS)
            vocab = dict(TECH_VOCAB, c=[c], C=[c[0].upper() + c[1:]], what=[what], pro=[pro], con=[con])
            paras.append(" ".join(fill(rng, t, vocab) for t in rng.sample(TECH_T, rng.randint(3, 6))))
        if rng.random() < 0.3:
            steps = rng.sample(["Measure the baseline.", "Change one thing.", "Record the result with its units.",
                                "Repeat three times.", "Compare against the baseline.", "Write down what surprised you.",
                                "Keep the script that produced the numbers."], 4)
            paras.append("\n".join(f"{i + 1}. {s}" for i, s in enumerate(steps)))
        out.append("\n\n".join(paras))
    return out


ELEMENTS = [("Hydrogen", "H", 1, 1.008), ("Helium", "He", 2, 4.0026), ("Lithium", "Li", 3, 6.94), ("Beryllium", "Be", 4, 9.0122),
            ("Boron", "B", 5, 10.81), ("Carbon", "C", 6, 12.011), ("Nitrogen", "N", 7, 14.007), ("Oxygen", "O", 8, 15.999),
            ("Fluorine", "F", 9, 18.998), ("Neon", "Ne", 10, 20.180), ("Sodium", "Na", 11, 22.990), ("Magnesium", "Mg", 12, 24.305),
            ("Aluminium", "Al", 13, 26.982), ("Silicon", "Si", 14, 28.085), ("Phosphorus", "P", 15, 30.974), ("Sulfur", "S", 16, 32.06),
            ("Chlorine", "Cl", 17, 35.45), ("Argon", "Ar", 18, 39.948), ("Potassium", "K", 19, 39.098), ("Calcium", "Ca", 20, 40.078),
            ("Iron", "Fe", 26, 55.845), ("Copper", "Cu", 29, 63.546), ("Zinc", "Zn", 30, 65.38), ("Silver", "Ag", 47, 107.87),
            ("Tin", "Sn", 50, 118.71), ("Gold", "Au", 79, 196.97), ("Lead", "Pb", 82, 207.2)]
SYLL = ["var", "nol", "ost", "bre", "kam", "til", "dun", "mor", "esk", "ha", "len", "wick", "stad", "furt", "mir", "ona", "cal", "ber"]
ENC_VOCAB = {
    "region": ["a temperate river valley", "the northern coastal plain", "a high limestone plateau", "an inland delta",
               "the foothills of a volcanic range", "a chain of small islands", "a dry basin ringed by hills"],
    "trade": ["wool and cheese", "glassmaking", "shipbuilding", "salt", "printing", "clockmaking", "rice and tea", "copper mining"],
    "event": ["a great fire", "a long drought", "the arrival of the railway", "a disputed succession", "a cholera outbreak", "a flood"],
}


def encyclopedic(rng):
    out = []
    for name, sym, z, mass in ELEMENTS:
        out.append(f"{name}\n\n{name} is a chemical element with the symbol {sym} and atomic number {z}. Its standard atomic "
                   f"weight is about {mass}. A neutral atom of {name.lower()} has {z} electrons, and its nucleus contains {z} "
                   f"protons. In the periodic table it sits in period {1 if z <= 2 else 2 if z <= 10 else 3 if z <= 18 else 4 if z <= 36 else 5 if z <= 54 else 6}.")
    for _ in range(80):
        town = "".join(rng.sample(SYLL, rng.randint(2, 3))).capitalize()
        founded = rng.randint(900, 1890)
        pop = rng.randint(1200, 2_400_000)
        area = rng.randint(8, 900)
        lines = [f"{town}\n",
                 f"{town} is a fictional town in {rng.choice(ENC_VOCAB['region'])}, described here as an example entry. "
                 f"It was first mentioned in records from {founded}, and by {rng.randint(founded + 50, 2020)} it had a population of "
                 f"{pop:,}, spread over {area} square kilometres (a density of {pop / area:.1f} people per km²).",
                 f"\nHistory\n\nThe early economy of {town} rested on {rng.choice(ENC_VOCAB['trade'])}. After {rng.choice(ENC_VOCAB['event'])} "
                 f"in {rng.randint(founded + 10, 1990)}, many families moved away, and the town turned to {rng.choice(ENC_VOCAB['trade'])}.",
                 f"\nGeography\n\nThe town lies at an elevation of {rng.randint(2, 2400)} m. The mean temperature is {rng.uniform(-3, 24):.1f} °C "
                 f"and the annual rainfall about {rng.randint(180, 2600)} mm."]
        out.append("\n".join(lines))
    return out


# ---------------------------------------------------------------- source code
NOUNS = ["order", "sensor", "invoice", "packet", "sample", "tile", "account", "frame", "record", "token", "bucket",
         "vertex", "shipment", "reading", "ticket", "segment", "entry", "layer", "channel", "batch"]
VERBS = ["load", "parse", "merge", "filter", "score", "validate", "normalize", "collect", "compress", "resolve",
         "rank", "split", "encode", "sum", "clamp", "group", "index", "retry", "flush", "sample"]
CODE_VOCAB = {"k": ["2", "3", "7", "10", "16", "64", "100", "255", "1000", "4096"],
              "msg": ["empty input", "value out of range", "missing field", "timeout", "checksum mismatch", "unknown kind"]}


def code_vocab(rng):
    n1, n2 = rng.sample(NOUNS, 2)
    v = rng.choice(VERBS)
    return dict(CODE_VOCAB, n=[n1], m=[n2], N=[n1.capitalize()], M=[n2.capitalize()], v=[v],
                f=[f"{v}_{n1}s"], F=[f"{v}{n1.capitalize()}s"])


CPP_T = [
    "// {v} every {n}, keeping only the ones under the limit.\nstd::vector<{N}> {F}(const std::vector<{N}>& items, int limit)\n{{\n    std::vector<{N}> out;\n    out.reserve(items.size());\n    for (const auto& item : items) {{\n        if (item.size < limit)\n            out.push_back(item);\n    }}\n    return out;\n}}",
    "struct {N} {{\n    std::string name;\n    int64_t id = 0;\n    double weight = 1.0;\n    std::vector<{M}> parts;\n\n    bool empty() const {{ return parts.empty(); }}\n}};",
    "template <typename T>\nT {F}(std::span<const T> values)\n{{\n    T total{{}};\n    for (size_t i = 0; i < values.size(); i += {k})\n        total += values[i];\n    return total;\n}}",
    "class {N}Cache {{\npublic:\n    explicit {N}Cache(size_t capacity) : m_capacity(capacity) {{}}\n\n    std::optional<{N}> find(const std::string& key) const\n    {{\n        auto it = m_items.find(key);\n        if (it == m_items.end())\n            return std::nullopt;\n        return it->second;\n    }}\n\nprivate:\n    size_t m_capacity;\n    std::unordered_map<std::string, {N}> m_items;\n}};",
    "int {F}(std::istream& in)\n{{\n    std::string line;\n    int count = 0;\n    while (std::getline(in, line)) {{\n        if (line.empty() || line[0] == '#')\n            continue;\n        ++count;\n    }}\n    if (count == 0)\n        throw std::runtime_error(\"{msg}\");\n    return count;\n}}",
    "#include <algorithm>\n#include <vector>\n\nvoid {F}(std::vector<{N}>& v)\n{{\n    std::sort(v.begin(), v.end(), [](const {N}& a, const {N}& b) {{ return a.id < b.id; }});\n    v.erase(std::unique(v.begin(), v.end(), [](const {N}& a, const {N}& b) {{ return a.id == b.id; }}), v.end());\n}}",
]
PY_T = [
    "def {f}(items, limit={k}):\n    \"\"\"Return the {n}s whose size is below `limit`.\"\"\"\n    return [item for item in items if item.size < limit]",
    "class {N}:\n    def __init__(self, name, weight=1.0):\n        self.name = name\n        self.weight = weight\n        self.{m}s = []\n\n    def add(self, {m}):\n        self.{m}s.append({m})\n        return self\n\n    def __repr__(self):\n        return f\"{N}({{self.name!r}}, {{len(self.{m}s)}} {m}s)\"",
    "import json\n\n\ndef {f}(path):\n    with open(path, encoding=\"utf-8\") as fh:\n        data = json.load(fh)\n    if not data:\n        raise ValueError(\"{msg}: \" + path)\n    return {{key: value for key, value in data.items() if not key.startswith(\"_\")}}",
    "def {f}(values):\n    total = 0\n    for i, value in enumerate(values):\n        if i % {k} == 0:\n            continue\n        total += value * value\n    return total ** 0.5",
    "from dataclasses import dataclass, field\n\n\n@dataclass\nclass {N}Stats:\n    count: int = 0\n    mean: float = 0.0\n    seen: list = field(default_factory=list)\n\n    def update(self, x):\n        self.count += 1\n        self.mean += (x - self.mean) / self.count\n        self.seen.append(x)",
    "async def {f}(session, urls, retries={k}):\n    results = {{}}\n    for url in urls:\n        for attempt in range(retries):\n            try:\n                results[url] = await session.get(url)\n                break\n            except TimeoutError:\n                if attempt == retries - 1:\n                    raise",
]
RUST_T = [
    "/// {v} the {n}s, dropping any above the limit.\npub fn {f}(items: &[{N}], limit: usize) -> Vec<{N}> {{\n    items.iter().filter(|it| it.size < limit).cloned().collect()\n}}",
    "#[derive(Debug, Clone, PartialEq)]\npub struct {N} {{\n    pub id: u64,\n    pub name: String,\n    pub {m}s: Vec<{M}>,\n}}\n\nimpl {N} {{\n    pub fn new(id: u64, name: &str) -> Self {{\n        Self {{ id, name: name.to_string(), {m}s: Vec::new() }}\n    }}\n}}",
    "pub fn {f}(input: &str) -> Result<Vec<i64>, String> {{\n    input\n        .split(',')\n        .map(|s| s.trim().parse::<i64>().map_err(|e| format!(\"{msg}: {{e}}\")))\n        .collect()\n}}",
    "impl std::fmt::Display for {N} {{\n    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {{\n        write!(f, \"{N}#{{}} ({{}} {m}s)\", self.id, self.{m}s.len())\n    }}\n}}",
    "pub fn {f}(values: &mut [f32]) {{\n    let max = values.iter().cloned().fold(f32::MIN, f32::max);\n    let sum: f32 = values.iter_mut().map(|v| {{ *v = (*v - max).exp(); *v }}).sum();\n    for v in values.iter_mut() {{\n        *v /= sum;\n    }}\n}}",
    "enum {N}State {{\n    Idle,\n    Running {{ since: u64 }},\n    Failed(String),\n}}\n\nfn describe(s: &{N}State) -> String {{\n    match s {{\n        {N}State::Idle => \"idle\".into(),\n        {N}State::Running {{ since }} => format!(\"running since {{since}}\"),\n        {N}State::Failed(why) => format!(\"failed: {{why}}\"),\n    }}\n}}",
]
JS_T = [
    "export function {F}(items, limit = {k}) {{\n  return items.filter((item) => item.size < limit);\n}}",
    "class {N} {{\n  constructor(name) {{\n    this.name = name;\n    this.{m}s = [];\n  }}\n\n  add({m}) {{\n    this.{m}s.push({m});\n    return this;\n  }}\n}}",
    "async function {F}(url) {{\n  const response = await fetch(url);\n  if (!response.ok) {{\n    throw new Error(`{msg}: ${{response.status}}`);\n  }}\n  const data = await response.json();\n  return data.{n}s ?? [];\n}}",
    "const {F} = (list) =>\n  list.reduce((acc, x) => {{\n    const key = x.{m} ?? 'none';\n    (acc[key] ||= []).push(x);\n    return acc;\n  }}, {{}});",
    "document.querySelectorAll('.{n}').forEach((el, i) => {{\n  el.addEventListener('click', () => {{\n    el.classList.toggle('active');\n    console.log(`{n} ${{i}} toggled`);\n  }});\n}});",
]
SQL_T = [
    "CREATE TABLE {n}s (\n    id INTEGER PRIMARY KEY,\n    name TEXT NOT NULL,\n    {m}_id INTEGER REFERENCES {m}s(id),\n    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP\n);",
    "SELECT m.name, COUNT(n.id) AS {n}_count\nFROM {m}s AS m\nLEFT JOIN {n}s AS n ON n.{m}_id = m.id\nGROUP BY m.name\nHAVING COUNT(n.id) > {k}\nORDER BY {n}_count DESC;",
    "UPDATE {n}s\nSET status = 'archived'\nWHERE created_at < NOW() - INTERVAL '{k} days'\n  AND status <> 'archived';",
    "WITH ranked AS (\n    SELECT id, {m}_id, ROW_NUMBER() OVER (PARTITION BY {m}_id ORDER BY created_at DESC) AS rn\n    FROM {n}s\n)\nSELECT * FROM ranked WHERE rn <= {k};",
    "CREATE INDEX idx_{n}s_{m} ON {n}s ({m}_id, created_at);",
    "INSERT INTO {n}s (name, {m}_id) VALUES ('{v} {n}', {k}), ('second {n}', {k});",
]
SH_T = [
    "#!/usr/bin/env bash\nset -euo pipefail\n\nfor f in ./{n}s/*.json; do\n    echo \"{v}: $f\"\n    jq '.{m}' \"$f\" >> {m}s.txt\ndone",
    "if [ ! -d \"$HOME/{n}s\" ]; then\n    mkdir -p \"$HOME/{n}s\"\nfi\nfind \"$HOME/{n}s\" -name '*.log' -mtime +{k} -delete",
    "{f}() {{\n    local target=\"$1\"\n    if [[ -z \"$target\" ]]; then\n        echo \"{msg}\" >&2\n        return 1\n    fi\n    tar -czf \"$target.tar.gz\" \"$target\"\n}}",
    "grep -rn \"{n}\" src/ | awk -F: '{{print $1}}' | sort | uniq -c | sort -rn | head -n {k}",
    "curl -fsSL \"https://example.com/api/{n}s?limit={k}\" \\\n    | jq -r '.[] | .name' \\\n    | while read -r name; do\n        echo \"found $name\"\n    done",
]


def code(rng, templates, count):
    return [fill(rng, rng.choice(templates), code_vocab(rng)) for _ in range(count)]


# ---------------------------------------------------------------- math and tables
def math_passage(rng):
    kind = rng.randrange(6)
    if kind == 0:
        a, b = rng.randint(12, 9999), rng.randint(12, 999)
        return (f"Problem: compute {a} × {b}.\n\nSolution: {a} × {b} = {a} × {b // 10 * 10} + {a} × {b % 10} = "
                f"{a * (b // 10 * 10)} + {a * (b % 10)} = {a * b}.")
    if kind == 1:
        a, b, c = rng.randint(2, 12), rng.randint(-50, 50), rng.randint(-90, 90)
        x = rng.randint(-20, 20)
        rhs = a * x + b
        return (f"Solve {a}x + {b} = {rhs}.\n\nSubtract {b} from both sides: {a}x = {rhs - b}. Divide by {a}: x = {x}.\n"
                f"Check: {a} · ({x}) + {b} = {rhs}. ✓ (The unused constant c = {c} does not appear.)")
    if kind == 2:
        n = rng.randint(2, 5000)
        fs, m, p = [], n, 2
        while p * p <= m:
            while m % p == 0:
                fs.append(p)
                m //= p
            p += 1
        if m > 1:
            fs.append(m)
        return f"The prime factorization of {n} is {' · '.join(map(str, fs))}." + (" It is prime." if len(fs) == 1 else "")
    if kind == 3:
        a, d, n = rng.randint(-10, 30), rng.randint(1, 9), rng.randint(5, 40)
        return (f"An arithmetic sequence starts at {a} with difference {d}. Its first terms are "
                f"{', '.join(str(a + i * d) for i in range(6))}, … The sum of the first {n} terms is "
                f"n/2 · (2a + (n − 1)d) = {n}/2 · ({2 * a} + {(n - 1) * d}) = {n * (2 * a + (n - 1) * d) // 2}.")
    if kind == 4:
        p, q = rng.randint(1, 9), rng.randint(2, 12)
        r, s = rng.randint(1, 9), rng.randint(2, 12)
        from fractions import Fraction
        return f"$$\\frac{{{p}}}{{{q}}} + \\frac{{{r}}}{{{s}}} = \\frac{{{p * s + r * q}}}{{{q * s}}} = {Fraction(p, q) + Fraction(r, s)}$$"
    base = rng.choice([2, 8, 16])
    n = rng.randint(10, 100000)
    rep = {2: bin(n), 8: oct(n), 16: hex(n)}[base]
    return f"In base {base}, the decimal number {n} is written {rep[2:]} ({rep}); its square is {n * n} and its square root is about {n ** 0.5:.4f}."


TABLE_COLS = {"city": ["Lisbon", "Oslo", "Quito", "Hanoi", "Perth", "Cairo", "Lima", "Turku", "Graz", "Osaka", "Accra", "Cork"],
              "product": ["bolt M6", "hinge", "gasket", "LED strip", "fan 120mm", "cable 2m", "relay", "spring", "washer"],
              "status": ["ok", "late", "pending", "shipped", "returned", "failed"]}


def table_passage(rng):
    rows = rng.randint(4, 12)
    if rng.random() < 0.5:
        lines = ["| Product | Qty | Unit price | Total | Status |", "|---|---:|---:|---:|---|"]
        for _ in range(rows):
            q, p = rng.randint(1, 500), rng.randint(5, 9999) / 100
            lines.append(f"| {rng.choice(TABLE_COLS['product'])} | {q} | {p:.2f} | {q * p:.2f} | {rng.choice(TABLE_COLS['status'])} |")
        return "\n".join(lines)
    lines = ["date,city,temp_c,rain_mm,wind_kmh"]
    for _ in range(rows):
        lines.append(f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d},{rng.choice(TABLE_COLS['city'])},"
                     f"{rng.uniform(-15, 38):.1f},{rng.uniform(0, 60):.1f},{rng.randint(0, 90)}")
    return "\n".join(lines)


# ---------------------------------------------------------------- other languages and scripts
YEARS = [str(y) for y in range(1850, 2031)]
NUMS = [str(n) for n in range(2, 400)]
LANGS = {
    "de": ({"s": ["meine Großmutter", "der alte Fischer", "eine junge Lehrerin", "der Sohn der Nachbarn", "unsere Katze", "der Bürgermeister", "mein Onkel aus Bremen"],
            "P": ["auf den Markt", "in den Wald", "an den Fluss", "in die Bibliothek", "zum Bahnhof", "in die Altstadt"],
            "O": ["einen Messingschlüssel", "einen Brief ohne Briefmarke", "einen kaputten Kompass", "eine handgezeichnete Karte", "ein Glas blaue Tinte"],
            "L": ["der Kirche", "des Brunnens", "der alten Fabrik", "des Bahnhofs", "des Hafens"],
            "T": ["Heute Morgen", "Gestern Abend", "Letzten Winter", "Am Sonntag", "Kurz nach Mitternacht"],
            "W": ["des Regens", "der Kälte", "des starken Windes", "der Hitze", "des Nebels"],
            "B": ["die Zeitung", "einen langen Roman", "ein Geschichtsbuch", "alte Gedichte", "einen Reiseführer"],
            "Q": ["Das Leben ist schöner mit Freunden.", "Ich bin vor der Nacht zurück.", "Ich kenne den Weg nicht.", "Das ist der schönste Tag des Jahres.", "Wir müssen früher aufstehen."],
            "Y": YEARS, "N": NUMS},
           ["{s} geht jeden Morgen {P}.", "{T} fand {s} {O} in der Nähe {L}.", "Trotz {W} beschloss {s}, hinauszugehen.",
            "{s} trinkt Tee und liest {B}.", "„{Q}“, sagt {s}.", "{s} meint, dass der Park der ruhigste Ort der Stadt ist.",
            "Im Jahr {Y} lebten in dem Dorf ungefähr {N} Familien.", "{s} erzählt gern von früher, als alles langsamer war.",
            "Niemand weiß genau, warum {s} {O} aufbewahrt hat.", "Die Züge fahren heute mit {N} Minuten Verspätung."]),
    "fr": ({"s": ["ma grand-mère", "le vieux pêcheur", "une jeune institutrice", "le fils des voisins", "notre chat", "le maire", "mon oncle de Lyon"],
            "P": ["au marché", "dans la forêt", "au bord de la rivière", "à la bibliothèque", "à la gare", "dans la vieille ville"],
            "O": ["une clé en laiton", "une lettre sans timbre", "une boussole cassée", "une carte dessinée à la main", "un pot d'encre bleue"],
            "L": ["l'église", "la fontaine", "la vieille usine", "la gare", "du port"],
            "T": ["Ce matin", "Hier soir", "L'hiver dernier", "Dimanche", "Peu après minuit"],
            "W": ["la pluie", "le froid", "le vent fort", "la chaleur", "le brouillard"],
            "B": ["le journal", "un long roman", "un livre d'histoire", "de vieux poèmes", "un guide de voyage"],
            "Q": ["La vie est plus belle avec des amis.", "Je rentrerai avant la nuit.", "Je ne connais pas le chemin.", "C'est le plus beau jour de l'année.", "Il faut se lever plus tôt."],
            "Y": YEARS, "N": NUMS},
           ["{s} va chaque matin {P}.", "{T}, {s} a trouvé {O} près de {L}.", "Malgré {W}, {s} a décidé de sortir.",
            "{s} boit du thé en lisant {B}.", "« {Q} », dit {s}.", "Selon {s}, le parc est l'endroit le plus calme de la ville.",
            "En {Y}, le village comptait environ {N} familles.", "{s} aime raconter l'époque où tout allait plus lentement.",
            "Personne ne sait pourquoi {s} a gardé {O}.", "Les trains ont aujourd'hui {N} minutes de retard."]),
    "es": ({"s": ["mi abuela", "el viejo pescador", "una joven maestra", "el hijo de los vecinos", "nuestro gato", "el alcalde", "mi tío de Sevilla"],
            "P": ["al mercado", "al bosque", "a la orilla del río", "a la biblioteca", "a la estación", "al casco antiguo"],
            "O": ["una llave de latón", "una carta sin sello", "una brújula rota", "un mapa dibujado a mano", "un frasco de tinta azul"],
            "L": ["la iglesia", "la fuente", "la vieja fábrica", "la estación", "el puerto"],
            "T": ["Esta mañana", "Anoche", "El invierno pasado", "El domingo", "Poco después de medianoche"],
            "W": ["la lluvia", "el frío", "el viento fuerte", "el calor", "la niebla"],
            "B": ["el periódico", "una novela larga", "un libro de historia", "poemas antiguos", "una guía de viaje"],
            "Q": ["La vida es más bonita con amigos.", "Volveré antes de la noche.", "No conozco el camino.", "Es el mejor día del año.", "Hay que levantarse más temprano."],
            "Y": YEARS, "N": NUMS},
           ["{s} va cada mañana {P}.", "{T}, {s} encontró {O} cerca de {L}.", "A pesar de {W}, {s} decidió salir.",
            "{s} toma té mientras lee {B}.", "—{Q} —dice {s}.", "Según {s}, el parque es el lugar más tranquilo de la ciudad.",
            "En {Y}, el pueblo tenía unas {N} familias.", "A {s} le gusta contar cómo era todo antes, cuando la vida iba más despacio.",
            "Nadie sabe por qué {s} guardó {O}.", "Hoy los trenes llevan {N} minutos de retraso."]),
    "ru": ({"s": ["мой дедушка", "старый рыбак", "молодой учитель", "соседский мальчик", "наш кот", "мэр города", "мой дядя из Казани"],
            "P": ["на рынок", "в лес", "к реке", "в библиотеку", "на вокзал", "в старый город"],
            "O": ["латунный ключ", "письмо без марки", "сломанный компас", "карту, нарисованную от руки", "банку синих чернил"],
            "L": ["церкви", "фонтана", "старой фабрики", "вокзала", "порта"],
            "T": ["Сегодня утром", "Вчера вечером", "Прошлой зимой", "В воскресенье", "Вскоре после полуночи"],
            "W": ["дождь", "холод", "сильный ветер", "жару", "туман"],
            "B": ["газету", "длинный роман", "книгу по истории", "старые стихи", "путеводитель"],
            "Q": ["Жизнь прекраснее с друзьями.", "Я вернусь до темноты.", "Я не знаю дороги.", "Это лучший день в году.", "Надо вставать раньше."],
            "Y": YEARS, "N": NUMS},
           ["{s} каждое утро ходит {P}.", "{T} {s} нашёл {O} возле {L}.", "Несмотря на {W}, {s} решил выйти из дома.",
            "{s} пьёт чай и читает {B}.", "«{Q}» — сказал {s}.", "В {Y} году в деревне жило около {N} семей.",
            "{s} любит рассказывать о том, как раньше всё было медленнее.", "Никто не знает, зачем {s} хранил {O}.",
            "Сегодня поезда опаздывают на {N} минут.", "{s} считает, что парк — самое тихое место в городе."]),
    "zh": ({"s": ["我的奶奶", "那位老渔夫", "一位年轻的老师", "邻居家的男孩", "我们的猫", "市长", "我在成都的叔叔"],
            "P": ["市场", "森林", "河边", "图书馆", "火车站", "老城区"],
            "O": ["一把铜钥匙", "一封没有邮票的信", "一个坏了的指南针", "一张手绘地图", "一瓶蓝墨水"],
            "T": ["今天早上", "昨天晚上", "去年冬天", "星期天", "午夜过后不久"],
            "W": ["下着雨", "很冷", "风很大", "非常热", "有雾"],
            "B": ["报纸", "一本很长的小说", "一本历史书", "古诗", "旅游指南"],
            "Q": ["有朋友的生活更美好。", "我天黑前回来。", "我不认识路。", "这是一年中最好的一天。", "我们得早点起床。"],
            "Y": YEARS, "N": NUMS},
           ["{s}每天早上去{P}。", "{T}，{s}在{P}附近找到了{O}。", "虽然外面{W}，{s}还是决定出门。", "{s}一边喝茶，一边看{B}。",
            "“{Q}”{s}说。", "{Y}年，这个村子大约有{N}户人家。", "{s}喜欢讲过去的事，那时候一切都慢一些。",
            "没有人知道{s}为什么留着{O}。", "今天的火车晚点了{N}分钟。", "{s}认为公园是城里最安静的地方。"]),
    "ja": ({"s": ["祖母", "年老いた漁師", "若い先生", "隣の家の男の子", "うちの猫", "市長", "大阪に住むおじ"],
            "P": ["市場", "森", "川辺", "図書館", "駅", "旧市街"],
            "O": ["真鍮の鍵", "切手のない手紙", "壊れた方位磁石", "手描きの地図", "青いインクの瓶"],
            "T": ["今朝", "昨日の夜", "去年の冬", "日曜日に", "真夜中を少し過ぎたころ"],
            "W": ["雨が降っていた", "寒かった", "風が強かった", "とても暑かった", "霧が出ていた"],
            "B": ["新聞", "長い小説", "歴史の本", "古い詩", "旅行ガイド"],
            "Q": ["友だちがいると人生はもっと楽しい。", "暗くなる前に帰ります。", "道がわかりません。", "今日は一年でいちばんいい日だ。", "もっと早く起きなければならない。"],
            "Y": YEARS, "N": NUMS},
           ["{s}は毎朝{P}へ行きます。", "{T}、{s}は{P}の近くで{O}を見つけました。", "{W}けれど、{s}は出かけることにしました。",
            "{s}はお茶を飲みながら{B}を読んでいます。", "「{Q}」と{s}は言いました。", "{Y}年、この村にはおよそ{N}世帯が住んでいました。",
            "{s}は、何もかもがもっとゆっくりだった昔の話をするのが好きです。", "{s}がなぜ{O}を取っておいたのか、だれも知りません。",
            "今日は電車が{N}分遅れています。", "{s}は、公園が町でいちばん静かな場所だと思っています。"]),
    "ar": ({"s": ["جدّي", "الصياد العجوز", "المعلم الشاب", "ابن الجيران", "رئيس البلدية", "صديقي", "عمّي من الإسكندرية"],
            "P": ["السوق", "الغابة", "النهر", "المكتبة", "محطة القطار", "المدينة القديمة"],
            "O": ["مفتاحًا نحاسيًا", "رسالة بلا طابع", "بوصلة مكسورة", "خريطة مرسومة باليد", "زجاجة حبر أزرق"],
            "T": ["صباح اليوم", "مساء أمس", "في الشتاء الماضي", "يوم الجمعة", "بعد منتصف الليل بقليل"],
            "W": ["المطر", "البرد", "الرياح القوية", "الحر الشديد", "الضباب"],
            "B": ["الجريدة", "رواية طويلة", "كتابًا عن التاريخ", "قصائد قديمة", "دليلًا سياحيًا"],
            "Q": ["الحياة أجمل مع الأصدقاء.", "سأعود قبل حلول الظلام.", "لا أعرف الطريق.", "هذا أجمل يوم في السنة.", "يجب أن نستيقظ مبكرًا."],
            "Y": YEARS, "N": NUMS},
           ["يذهب {s} كل صباح إلى {P}.", "{T} وجد {s} {O} قرب {P}.", "رغم {W} قرر {s} أن يخرج.", "يشرب {s} الشاي ويقرأ {B}.",
            "قال {s}: «{Q}»", "في عام {Y} كان في القرية نحو {N} عائلة.", "يحب {s} أن يحكي عن الماضي حين كان كل شيء أبطأ.",
            "لا أحد يعرف لماذا احتفظ {s} بهذا الشيء.", "تأخرت القطارات اليوم {N} دقيقة.", "يرى {s} أن الحديقة أهدأ مكان في المدينة."]),
    "hi": ({"s": ["बूढ़ा मछुआरा", "युवा शिक्षक", "पड़ोसी का लड़का", "हमारा कुत्ता", "मेरा दोस्त", "छोटा भाई", "जयपुर वाला मेरा चाचा"],
            "P": ["बाज़ार", "जंगल", "नदी के किनारे", "पुस्तकालय", "रेलवे स्टेशन", "पुराने शहर"],
            "O": ["एक पीतल की चाबी", "बिना टिकट का एक पत्र", "एक टूटा हुआ कम्पास", "हाथ से बना एक नक्शा", "नीली स्याही की एक शीशी"],
            "T": ["आज सुबह", "कल शाम", "पिछली सर्दियों में", "रविवार को", "आधी रात के कुछ देर बाद"],
            "W": ["बारिश", "ठंड", "तेज़ हवा", "भारी गर्मी", "कोहरे"],
            "B": ["अख़बार", "एक लंबा उपन्यास", "इतिहास की किताब", "पुरानी कविताएँ", "यात्रा गाइड"],
            "Q": ["दोस्तों के साथ जीवन सुंदर है।", "मैं अँधेरा होने से पहले लौट आऊँगा।", "मुझे रास्ता नहीं पता।", "आज साल का सबसे अच्छा दिन है।", "हमें जल्दी उठना चाहिए।"],
            "Y": YEARS, "N": NUMS},
           ["{s} हर सुबह {P} जाता है।", "{T} {s} को {P} के पास {O} मिली।", "{W} के बावजूद {s} बाहर गया।", "{s} चाय पीते हुए {B} पढ़ता है।",
            "{s} ने कहा, \"{Q}\"", "सन {Y} में गाँव में लगभग {N} परिवार रहते थे।", "{s} को पुराने दिनों की बातें सुनाना अच्छा लगता है, जब सब कुछ धीमा था।",
            "कोई नहीं जानता कि {s} ने वह चीज़ क्यों रखी।", "आज रेलगाड़ियाँ {N} मिनट देर से चल रही हैं।", "{s} मानता है कि पार्क शहर की सबसे शांत जगह है।"]),
}
CAPITALIZE = {"de", "fr", "es", "ru"}


def language(rng, code, count):
    vocab, templates = LANGS[code]
    joiner = "" if code in ("zh", "ja") else " "
    out = []
    for _ in range(count):
        paras = []
        for _ in range(rng.randint(2, 4)):
            sents = [fill(rng, t, vocab) for t in rng.sample(templates, rng.randint(4, 8))]
            if code in CAPITALIZE:
                sents = [sentence(s) for s in sents]
            paras.append(joiner.join(sents))
        out.append("\n\n".join(paras))
    return out


def main():
    rng = random.Random(20261127)
    sizes = {}
    sizes["prose"] = write("prose", prose(rng))
    sizes["dialogue"] = write("dialogue", dialogue(rng))
    sizes["technical"] = write("technical", technical(rng))
    sizes["encyclopedic"] = write("encyclopedic", encyclopedic(rng))
    for name, templates in [("cpp", CPP_T), ("python", PY_T), ("rust", RUST_T), ("javascript", JS_T), ("sql", SQL_T), ("shell", SH_T)]:
        funcs = code(rng, templates, 120)
        sizes["code_" + name] = write("code_" + name, ["\n\n".join(funcs[i:i + 3]) for i in range(0, len(funcs), 3)])
    sizes["math"] = write("math", ["\n\n".join(math_passage(rng) for _ in range(rng.randint(2, 5))) for _ in range(130)])
    sizes["tables"] = write("tables", [table_passage(rng) for _ in range(110)])
    for code_ in LANGS:
        sizes["lang_" + code_] = write("lang_" + code_, language(rng, code_, 22))
    for k, v in sizes.items():
        print(f"{k:16s} {v:8d} bytes")
    print(f"{'total':16s} {sum(sizes.values()):8d} bytes")


if __name__ == "__main__":
    main()
