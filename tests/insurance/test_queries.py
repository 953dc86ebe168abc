"""The verification steps render in a bounded number of queries, however many
insurers are listed (the carrier choices are one query)."""

import pytest

from insurance.models import Insurer

from .conftest import PAGE_URL, WHO

pytestmark = pytest.mark.django_db

# Measured on SQLite and PostgreSQL: 3 to show step 1 with the site's shared
# parts kept, 3 for a post of step 1 that renders step 2 (its insurer choices
# one of them).
GET_BOUND = 4
POST_BOUND = 4


@pytest.mark.parametrize("extra_insurers", [0, 30])
def test_each_step_takes_a_bounded_number_of_queries(
    client, verify_page, django_assert_max_num_queries, extra_insurers
):
    Insurer.objects.bulk_create(
        Insurer(name=f"Plan {n}", sort_order=10 + n) for n in range(extra_insurers)
    )
    client.get(PAGE_URL)  # templates compiled, shared parts kept
    with django_assert_max_num_queries(GET_BOUND):
        assert client.get(PAGE_URL).status_code == 200
    with django_assert_max_num_queries(POST_BOUND):
        response = client.post(
            PAGE_URL, {"step": "1", "nav": "next", "answers": "", **WHO}
        )
    assert "Step 2 of 3" in response.content.decode()
