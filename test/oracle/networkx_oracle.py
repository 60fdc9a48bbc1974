"""Peer implementation for the oracle tests and the benchmark baseline: networkx on the same node-link files.

Usage: networkx_oracle.py FILE [FILE ...]  -> one JSON line per file on stdout with the task dependencies,
the reduced dependencies, generations (as sorted lists), the critical-path length (edge weight = cost of
the target task, costs max(priority, 1)), one longest path with the number of longest paths (so a test can
compare the path itself when it is unique) and per-step timings in ms.
With --bench-timeout S, a file whose transitive reduction takes longer than S seconds is reported as
{"timeout": true} (the reduction runs in a child process so it can be stopped).
"""
import json
import multiprocessing
import sys
import time

import networkx as nx


def project(path):
    with open(path, "rb") as f:
        data = json.load(f)
    kind = {}
    name = {}
    for node in data["nodes"]:
        kind[node["id"]] = node["data"]["kind"]
        name[node["id"]] = node["data"]["name"]
    priority = {name[n["id"]]: int(n["data"]["priority"]) for n in data["nodes"] if n["data"]["kind"] == "task"}
    producers, consumers = {}, {}
    for link in data["links"]:
        if link["data"]["kind"] == "produces":
            producers.setdefault(link["target"], []).append(name[link["source"]])
        else:
            consumers.setdefault(link["source"], []).append(name[link["target"]])
    g = nx.DiGraph()
    g.add_nodes_from(sorted(priority))
    for ev, ps in producers.items():
        for p in ps:
            for c in consumers.get(ev, []):
                if p != c:
                    g.add_edge(p, c)
    return g, priority


def longest_path_count(r):
    """How many paths have the maximal weight (weights are at least 1, so every longest path starts at a source)."""
    best, count = {}, {}
    for v in nx.topological_sort(r):
        preds = list(r.predecessors(v))
        if not preds:
            best[v], count[v] = 0, 1
            continue
        best[v] = max(best[u] + r[u][v]["weight"] for u in preds)
        count[v] = sum(count[u] for u in preds if best[u] + r[u][v]["weight"] == best[v])
    top = max(best.values(), default=0)
    return sum(c for v, c in count.items() if best[v] == top)


def analyze(path, reduce=True):
    t0 = time.perf_counter()
    g, priority = project(path)
    t1 = time.perf_counter()
    out = {"file": path, "tasks": sorted(g.nodes), "dependencies": sorted([list(e) for e in g.edges]), "ms": {"read_project": (t1 - t0) * 1000}}
    if not reduce:
        return out
    r = nx.transitive_reduction(g)
    t2 = time.perf_counter()
    gens = [sorted(gen) for gen in nx.topological_generations(r)]
    t3 = time.perf_counter()
    for (u, v) in r.edges:
        r[u][v]["weight"] = max(priority[v], 1)
    length = nx.dag_longest_path_length(r, weight="weight", default_weight=1)
    t4 = time.perf_counter()
    longest = nx.dag_longest_path(r, weight="weight", default_weight=1)
    out.update({"reducedDependencies": sorted([list(e) for e in r.edges]), "generations": gens, "criticalPathLength": length,
                "criticalPath": longest, "longestPathCount": longest_path_count(r),
                "ms": {"read_project": (t1 - t0) * 1000, "reduction": (t2 - t1) * 1000, "generations": (t3 - t2) * 1000, "critical_path": (t4 - t3) * 1000, "total": (t4 - t0) * 1000}})
    return out


def _child(path, queue):
    queue.put(analyze(path))


def main(argv):
    timeout = None
    if argv and argv[0] == "--bench-timeout":
        timeout = float(argv[1])
        argv = argv[2:]
    for path in argv:
        if timeout is None:
            result = analyze(path)
        else:
            queue = multiprocessing.Queue()
            proc = multiprocessing.Process(target=_child, args=(path, queue))
            proc.start()
            # Read before joining: a child blocks on a full pipe until its result is taken.
            try:
                result = queue.get(timeout=timeout)
            except Exception:
                result = {"file": path, "timeout": True}
            if proc.is_alive():
                proc.terminate()
            proc.join()
            result.pop("dependencies", None)
            result.pop("reducedDependencies", None)
            result.pop("tasks", None)
            result.pop("generations", None)
        print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
