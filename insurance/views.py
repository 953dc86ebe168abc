"""The family's side of an insurance verification: three steps, then thank you.

Each view is `never_cache`d (each step holds tokens and the family's answers),
hides what was posted from error reports, and shares the inquiry form's
protections: the one-time token, honeypot and fill time, the rate limit, the
crisis words and the notification (contact.views, contact.tasks).
"""

import math

from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import (
    sensitive_post_parameters,
    sensitive_variables,
)

from wagtail.models import Site

from contact.forms import issue_form_token
from contact.models import Inquiry, InquirySettings
from contact.tasks import queue_notification
from contact.views import (
    URGENT_THANK_YOU,
    count_stored_inquiry,
    seconds_until_accepted,
    thank_you_page,
)
from insurance import cards
from insurance.forms import STEPS, new_journey, open_answers, seal_answers
from insurance.models import InsuranceDetails

# In the sealed answers: photos were chosen on the last step before Back.
PHOTOS_CHOSEN = "photos"
EXPIRED = _(
    "This form was open too long, so we could not keep the earlier answers. "
    "Please start again, or call us and we will check your coverage by phone."
)


def render_step(request, page, number, form, answers, **context):
    return page.render(
        request,
        context_overrides={
            "form": form,
            "step": number,
            "steps": [step.title for step in STEPS],
            "sealed_answers": seal_answers(answers),
            **context,
        },
    )


def step_number(request):
    value = request.POST.get("step", "")
    return int(value) if value in {"1", "2", "3"} else 1


@never_cache
@sensitive_post_parameters()
@sensitive_variables()
def verification_steps(request, page):
    """GET starts at step 1; each POST checks a step and shows the next, or goes
    Back, or (the last step) stores the verification and redirects."""
    if request.method != "POST":
        form = STEPS[0](initial=new_journey(page, request.GET))
        return render_step(request, page, 1, form, {})

    number = step_number(request)
    Step = STEPS[number - 1]
    form = Step(request.POST, request.FILES if number == len(STEPS) else None)
    answers = open_answers(request.POST.get("answers", ""))
    if answers is None:
        # Starting again: the old token expired with the answers.
        first = STEPS[0](initial={**form.journey(), "form_token": issue_form_token()})
        return render_step(request, page, 1, first, {}, expired_message=EXPIRED)

    if request.POST.get("nav") == "back" and number > 1:
        answers[str(number)] = form.typed_answers()
        if number == len(STEPS) and any(
            request.POST.get(f"card_{side}") for side in ("front", "back")
        ):
            # Back sends only the photos' names: say so when the step returns.
            answers[PHOTOS_CHOSEN] = {"chosen": "1"}
        previous = STEPS[number - 2](
            initial={**answers.get(str(number - 1), {}), **form.journey()}
        )
        return render_step(request, page, number - 1, previous, answers)

    if number < len(STEPS):
        if not form.is_valid():
            return render_step(request, page, number, form, answers)
        answers[str(number)] = form.typed_answers()
        following = STEPS[number](
            initial={**answers.get(str(number + 1), {}), **form.journey()}
        )
        return render_step(
            request,
            page,
            number + 1,
            following,
            answers,
            photos_not_kept=number + 1 == len(STEPS) and PHOTOS_CHOSEN in answers,
        )

    wait = seconds_until_accepted(request)
    if wait is not None:
        response = render_step(
            request,
            page,
            number,
            form,
            answers,
            wait_minutes=max(1, math.ceil(wait / 60)),
        )
        response.status_code = 429
        response["Retry-After"] = str(wait)
        return response
    if not form.is_valid():
        return render_step(request, page, number, form, answers)
    # Every earlier step again, as sent: the sealed answers are the family's
    # own, but a step must never be skipped by posting the last one directly.
    earlier = []
    for index, EarlierStep in enumerate(STEPS[:-1], start=1):
        checked = EarlierStep({**answers.get(str(index), {}), **form.journey()})
        if not checked.is_valid():
            answers[str(number)] = form.typed_answers()
            return render_step(
                request, page, index, checked, answers, photos_not_kept=True
            )
        earlier.append(checked)
    inquiry, made_now = store_verification(request, *earlier, form)
    if made_now:
        count_stored_inquiry(request)
    if inquiry.is_urgent:
        request.session[URGENT_THANK_YOU] = True
    else:
        request.session.pop(URGENT_THANK_YOU, None)
    return redirect(page.url + page.reverse_subpage("thank_you"))


# Error reports list a frame's local variables: none of these may show there.
@sensitive_variables()
def store_verification(request, who, insurance, last):
    """Save the verification with its encrypted details and photos (or find the
    one this token already made) and queue its notification.

    Returns the inquiry and whether this post made it. Bots get one too, filed
    as spam with no photos and never notified.
    """
    answers = {**who.cleaned_data, **insurance.cleaned_data, **last.cleaned_data}
    inquiry = Inquiry(
        kind=Inquiry.Kind.INSURANCE,
        verification_status=Inquiry.Verification.NEW,
        name=answers["name"],
        phone=answers["phone"],
        email=answers["email"],
        help_for=answers["help_for"],
        preferred_contact_time=answers["preferred_contact_time"],
        preferred_contact_method=Inquiry.ContactMethod.ANY,
        message=answers["message"],
        consent_to_contact=answers["consent"],
        source_page_id=answers["source_page"],
        utm_source=answers["utm_source"],
        utm_medium=answers["utm_medium"],
        utm_campaign=answers["utm_campaign"],
        submission_token=last.submission_token,
        center=Site.find_for_request(request),
        language=get_language(),
    )
    photos = {}
    if last.bot_reason:
        inquiry.status = Inquiry.Status.SPAM
        inquiry.spam_reason = last.bot_reason
    else:
        inquiry.is_urgent = InquirySettings.for_request(request).mentions_crisis(
            inquiry.message
        )
        for side in ("front", "back"):
            if answers[f"card_{side}"]:
                photos[side] = cards.store(answers[f"card_{side}"])
    try:
        with transaction.atomic():
            inquiry.save()
            InsuranceDetails.objects.create(
                inquiry=inquiry,
                insurer=insurance.chosen_insurer,
                insurer_other=answers["insurer_other"].strip()
                if insurance.chosen_insurer is None
                else "",
                member_id=answers["member_id"].strip(),
                group_number=answers["group_number"].strip(),
                holder_name=answers["holder_name"].strip(),
                holder_date_of_birth=answers["holder_date_of_birth"].isoformat(),
                relationship=answers["relationship"],
                card_front=photos.get("front", ""),
                card_back=photos.get("back", ""),
            )
    except IntegrityError:
        cards.delete(*photos.values())
        # The same one-time token again: a double click, refresh or resubmit.
        existing = Inquiry.objects.filter(
            submission_token=inquiry.submission_token
        ).first()
        if existing is None:
            raise
        return existing, False
    except BaseException:
        cards.delete(*photos.values())
        raise
    if inquiry.status != Inquiry.Status.SPAM:
        queue_notification(inquiry.pk)
    return inquiry, True


@never_cache
def thank_you(request, page):
    return thank_you_page(request, page, "insurance/verify_insurance_thank_you.html")
