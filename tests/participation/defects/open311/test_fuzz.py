"""Whatever a client sends, every endpoint answers 2xx or 4xx in Open311's error format,
never 5xx: Hypothesis throws huge numbers, 100,000 characters, bad dates, nested JSON, deep
brackets and wrong content types at each of them."""

from __future__ import annotations

import json

import pytest
from defusedxml import ElementTree as SafeET
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.participation.defects.open311.conftest import ROOT

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
PARAMETERS = [
    "api_key",
    "service_code",
    "service_request_id",
    "lat",
    "long",
    "address_string",
    "description",
    "email",
    "first_name",
    "last_name",
    "phone",
    "media_url",
    "attribute[depth]",
    "attribute[lane]",
    "start_date",
    "end_date",
    "updated_datetime",
    "status",
    "page",
    "page_size",
    "jurisdiction_id",
    "update_id",
]
nasty_text = st.one_of(
    st.text(max_size=50),
    st.just("x" * 100_000),
    st.just("[" * 100_000),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.just("9" * 5000),
    st.sampled_from(
        [
            "",
            "nan",
            "inf",
            "-1e400",
            "2024-13-45T25:61:00",
            "9999-12-31T23:59:59+14:00",
            "0001-01-01",
            "2024-02-30",
            "1,2,abc",
            "open,closed,maybe",
            "<b>x</b>",
            "\x00",
            "o311-light",
            "FIXED",
        ]
    ),
)
json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=20)),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=10,
)
GET_PATHS = [
    "/open311/discovery.json",
    f"{ROOT}/services.xml",
    f"{ROOT}/services/o311-pothole.json",
    f"{ROOT}/requests.json",
    f"{ROOT}/requests.xml",
    f"{ROOT}/servicerequestupdates.json",
    f"{ROOT}/servicerequestupdates.xml",
]
POST_PATHS = [
    f"{ROOT}/requests.json",
    f"{ROOT}/requests.xml",
    f"{ROOT}/servicerequestupdates.json",
    f"{ROOT}/servicerequestupdates.xml",
]


def assert_open311_answer(response) -> None:
    assert response.status_code < 500, response.content[:500]
    if response.status_code < 400:
        return
    assert 400 <= response.status_code < 500
    if response["Content-Type"].startswith("text/xml"):
        root = SafeET.fromstring(response.content)
        assert root.tag == "errors"
        assert root.findtext("error/code") == str(response.status_code)
        assert root.findtext("error/description")
    else:
        errors = json.loads(response.content)
        assert isinstance(errors, list) and errors
        assert all(set(e) == {"code", "description"} and e["description"] for e in errors)


@FUZZ
@given(
    path=st.sampled_from(GET_PATHS),
    params=st.dictionaries(st.sampled_from(PARAMETERS), nasty_text, max_size=5),
)
def test_get_endpoints_never_fail(client, world, path, params):
    assert_open311_answer(client.get(path, params))


@FUZZ
@given(
    template=st.sampled_from(
        [f"{ROOT}/requests/{{}}.json", f"{ROOT}/tokens/{{}}.xml", f"{ROOT}/services/{{}}.json"]
    ),
    segment=st.one_of(
        st.text(alphabet=st.characters(blacklist_characters="/?#%"), min_size=1, max_size=40),
        st.just("9" * 5000),
        st.just("1" * 19),
        st.just("-1"),
    ),
)
def test_path_parameters_never_fail(client, world, template, segment):
    assert_open311_answer(client.get(template.format(segment)))


@FUZZ
@given(
    path=st.sampled_from(POST_PATHS),
    params=st.dictionaries(st.sampled_from(PARAMETERS), nasty_text, max_size=8),
    with_key=st.sampled_from(["client", "updater", "none"]),
)
def test_form_posts_never_fail(client, world, path, params, with_key):
    if with_key != "none":
        params["api_key"] = world.key if with_key == "client" else world.updater_key
    assert_open311_answer(client.post(path, params))


@FUZZ
@given(
    path=st.sampled_from(POST_PATHS),
    body=st.dictionaries(st.sampled_from([*PARAMETERS, "attribute"]), json_values, max_size=8),
)
def test_json_posts_never_fail(client, world, path, body):
    body["api_key"] = world.updater_key
    assert_open311_answer(client.post(path, json.dumps(body), "application/json"))


@FUZZ
@given(
    path=st.sampled_from(POST_PATHS),
    body=st.one_of(
        st.binary(max_size=200),
        st.just(b"[" * 100_000),
        st.just(b"{" * 100_000),
        st.just(b'{"a":' * 50_000),
        st.just(b"x" * 100_000),
    ),
    content_type=st.sampled_from(
        [
            "application/json",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=xyz",
            "multipart/form-data",
            "text/plain",
            "application/xml",
            "application/vnd.api+json",
        ]
    ),
)
def test_raw_bodies_and_content_types_never_fail(client, world, path, body, content_type):
    assert_open311_answer(client.post(path, body, content_type))
