"""Card photos leave with their record; the insurer list leaves every cache."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from wagtail.models import Site

from core import encryption, frontend_cache


def delete_card_photos(sender, instance, **kwargs):
    names = list(instance.card_names().values())
    if names:
        from insurance import cards

        # Once the deletion is committed: a rolled-back one keeps its photos.
        transaction.on_commit(lambda: cards.delete(*names), robust=True)


def drop_pages_listing_insurers(sender, instance, **kwargs):
    # The accepted-insurers block can sit on any page of any site; the list
    # changes rarely, so every site's pages are dropped from the front cache.
    # (Kept parts are retired by the generation, as for every snippet.)
    for site in Site.objects.all():
        frontend_cache.ban_site(site)


def reencrypt_card_photos():
    from insurance import cards

    return cards.reencrypt_all()


def connect():
    from insurance.models import InsuranceDetails, Insurer

    post_delete.connect(
        delete_card_photos, sender=InsuranceDetails, dispatch_uid="insurance-cards"
    )
    for signal in (post_save, post_delete):
        signal.connect(
            drop_pages_listing_insurers,
            sender=Insurer,
            dispatch_uid=f"insurance-insurers-{signal is post_save}",
        )
    encryption.register_file_rotation("insurance card photos", reencrypt_card_photos)
