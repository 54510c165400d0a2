#!/usr/bin/env python3
"""A Python client of the feed-rebalancer server, with the standard library only (urllib).

Start a server (`npx feed-rebalancer serve`), then:

    python3 examples/clients/python/client.py --base-url http://127.0.0.1:3000

It records what a user was shown (POST /v1/impressions) and reads back the state it made
(POST /v1/assess), rebalances a ranked feed for them (POST /v1/rebalance), ranks a Prosocial
Ranking Challenge request (POST /rank), and erases the user's state (DELETE /v1/users/{id}),
checking each answer. It exits with 0 when every check
holds and prints what failed otherwise.
"""

import argparse
import json
import sys
import urllib.error
import urllib.parse
import urllib.request
import uuid

T0 = 1_767_225_600_000  # 2026-01-01T00:00:00Z, in milliseconds


class ApiError(Exception):
    """An error answer: {"error": {"code", "path", "message"}} and its HTTP status."""

    def __init__(self, status, error):
        super().__init__(f"{status} {error.get('code')} at {error.get('path')!r}: {error.get('message')}")
        self.status = status
        self.code = error.get("code")
        self.path = error.get("path")


def call(base_url, method, path, body=None, timeout=10):
    """Sends a JSON request and returns the decoded answer; raises ApiError on an error answer."""
    data = None if body is None else json.dumps(body).encode("utf-8")
    request = urllib.request.Request(
        base_url.rstrip("/") + path,
        data=data,
        method=method,
        headers={"content-type": "application/json"} if data is not None else {},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return json.loads(response.read().decode("utf-8"))
    except urllib.error.HTTPError as error:
        payload = json.loads(error.read().decode("utf-8"))
        raise ApiError(error.code, payload["error"]) from None


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def impressions_and_rebalance(base_url, user_id):
    # Thirty thinspiration videos in a row, each watched for ten seconds.
    run = [
        {
            "item": {"id": f"seen-{i}", "hashtags": ["#thinspo"]},
            "at": T0 + i * 15_000,
            "dwellMs": 10_000,
            "eventId": f"{user_id}-seen-{i}",
        }
        for i in range(30)
    ]
    recorded = call(base_url, "POST", "/v1/impressions", {"userId": user_id, "events": run})
    check(recorded == {"accepted": 30}, f"expected the 30 events to be accepted, got {recorded}")
    # The append answers no state: read it back, assessed at the last impression's time.
    assessed = call(base_url, "POST", "/v1/assess", {"userId": user_id, "at": T0 + 29 * 15_000})
    level = assessed["assessment"]["groups"]["eating-disorder"]["level"]
    check(assessed["impressions"] == 30, f"expected 30 impressions, got {assessed['impressions']}")
    check(level == "sustained", f"expected a sustained eating-disorder level, got {level}")
    print(f"assess: {assessed['impressions']} impressions, eating-disorder {level}")

    candidates = [
        {"id": f"c{i}", "hashtags": ["#thinspo"]} if i % 2 == 0 else {"id": f"c{i}", "topics": ["cooking"]}
        for i in range(12)
    ]
    recovery = [{"id": f"r{i}", "topics": ["ed-recovery"]} for i in range(3)]
    feed = call(
        base_url,
        "POST",
        "/v1/rebalance",
        {"userId": user_id, "candidates": candidates, "recovery": recovery, "size": 10, "at": T0 + 31 * 15_000},
    )
    served = [slot["id"] for slot in feed["slots"]]
    known = {c["id"] for c in candidates} | {r["id"] for r in recovery}
    check(len(served) == len(set(served)), "an id was served twice")
    check(set(served) <= known, "an id that was not a candidate or a recovery item was served")
    check(any(slot["source"] == "recovery" for slot in feed["slots"]), "no recovery item was interleaved")
    check(feed["explanation"], "the explanation is empty")
    return feed


def rank_challenge(base_url, user_id):
    def item(item_id, text, **fields):
        return {
            "id": item_id,
            "text": text,
            "author_name_hash": "a1b2",
            "type": "post",
            "created_at": "2024-01-20 18:00:00",
            "embedded_urls": [],
            "engagements": {"score": 3, "comment": 2, "award": 0},
            **fields,
        }

    items = [item(f"post-{i}", "#thinspo again" if i % 2 == 0 else "a walk by the river") for i in range(6)]
    items += [
        item("c1", "first!", type="comment", post_id="post-1", parent_id=""),
        item("c1-1", "a reply", type="comment", post_id="post-1", parent_id="c1"),
        item("c2", "another comment", type="comment", post_id="post-1", parent_id=""),
    ]
    request = {
        "session": {
            "session_id": str(uuid.uuid4()),
            "user_id": user_id,
            "user_name_hash": "6511c568",
            "platform": "reddit",
            "url": "https://reddit.com/r/example",
            "current_time": "2024-01-20 18:41:20",
        },
        "items": items,
    }
    answer = call(base_url, "POST", "/rank", request)
    ranked = answer["ranked_ids"]
    new_ids = {new["id"] for new in answer.get("new_items") or []}
    check(len(ranked) == len(set(ranked)), "a ranked id is repeated")
    check(set(ranked) <= {i["id"] for i in items} | new_ids, "an unknown id was ranked")
    for reply, parent in (("c1-1", "c1"),):
        check(reply not in ranked or parent in ranked, f"{reply} is shown without its parent {parent}")
    check(isinstance(answer["metadata"]["intervention_on"], bool), "metadata.intervention_on is missing")
    return answer


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:3000")
    args = parser.parse_args()
    user_id = f"python-client-{uuid.uuid4()}"
    try:
        feed = impressions_and_rebalance(args.base_url, user_id)
        print(f"rebalance: {len(feed['slots'])} slots; {feed['explanation']}")
        answer = rank_challenge(args.base_url, f"{user_id}-prc")
        print(f"rank: {len(answer['ranked_ids'])} ids, intervention_on={answer['metadata']['intervention_on']}")
        try:
            call(args.base_url, "POST", "/v1/rebalance", {"userId": user_id, "candidates": [{"id": 7}]})
            raise AssertionError("a candidate with a numeric id was accepted")
        except ApiError as error:
            check(error.status == 400 and error.code == "item", f"unexpected error answer: {error}")
            check(error.path == "candidates[0].id", f"unexpected error path: {error.path}")
            print(f"bad request: {error}")
        for user in (user_id, f"{user_id}-prc"):
            erased = call(args.base_url, "DELETE", "/v1/users/" + urllib.parse.quote(user, safe=""))
            check(erased == {"erased": True}, f"the state of {user} was not erased: {erased}")
        print("erase: ok")
    except (AssertionError, ApiError, urllib.error.URLError) as error:
        print(f"FAILED: {error}", file=sys.stderr)
        return 1
    print("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
