"""The editorial groups and the "Medical review" workflow, created by a data migration.

Marketing editors write and publish the site, except health content, which
they submit to the "Medical review" workflow; Medical reviewers approve it
(publishing it) or request changes. Neither group sees inquiries.
"""

from contact.groups import MARKETING_EDITORS
from core.permissions import ensure_permissions_exist, find_permissions

MEDICAL_REVIEWERS = "Medical reviewers"
MEDICAL_REVIEW = "Medical review"
# The sections whose pages go through medical review: the workflow is set on
# their index pages, so every article and program below follows it.
REVIEWED_SECTIONS = [("articles", "articleindexpage"), ("services", "serviceindexpage")]

# On the tree root, so they reach every page; HealthContentPermissions takes
# "publish" away again on health content.
PAGE_PERMISSIONS = {
    MARKETING_EDITORS: ["add_page", "change_page", "publish_page"],
    MEDICAL_REVIEWERS: [],
}
# On the root collection, so they reach every image and document.
COLLECTION_PERMISSIONS = {
    MARKETING_EDITORS: [
        ("wagtailimages", "image", "add_image"),
        ("wagtailimages", "image", "change_image"),
        ("wagtailimages", "image", "choose_image"),
        # To take back a wrong upload (pages using it then show no image).
        ("wagtailimages", "image", "delete_image"),
        ("wagtaildocs", "document", "add_document"),
        ("wagtaildocs", "document", "change_document"),
        ("wagtaildocs", "document", "choose_document"),
        ("wagtaildocs", "document", "delete_document"),
    ],
    # A reviewer may correct a page under review, which needs the choosers.
    MEDICAL_REVIEWERS: [
        ("wagtailimages", "image", "choose_image"),
        ("wagtaildocs", "document", "choose_document"),
    ],
}
MODEL_PERMISSIONS = {
    MARKETING_EDITORS: [
        ("wagtailadmin", "admin", "access_admin"),
        ("people", "person", "add_person"),
        ("people", "person", "change_person"),
        ("people", "person", "view_person"),
        ("articles", "articlecategory", "add_articlecategory"),
        ("articles", "articlecategory", "change_articlecategory"),
        ("articles", "articlecategory", "view_articlecategory"),
        ("services", "levelofcare", "add_levelofcare"),
        ("services", "levelofcare", "change_levelofcare"),
        ("services", "levelofcare", "view_levelofcare"),
        ("navigation", "navigationsettings", "change_navigationsettings"),
        ("wagtailredirects", "redirect", "add_redirect"),
        ("wagtailredirects", "redirect", "change_redirect"),
        ("wagtailredirects", "redirect", "delete_redirect"),
        # Promoted search results: granted by site_search's own migration.
    ],
    MEDICAL_REVIEWERS: [
        ("wagtailadmin", "admin", "access_admin"),
        ("editorial", "medicalreviewtask", "publish_health_content"),
    ],
}


def ensure_editorial_roles(apps):
    """Create the groups, their permissions and the workflow; safe to run again.

    `apps` is a migration's historical registry or `django.apps.apps`.
    """
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model(
        "wagtailcore", "GroupCollectionPermission"
    )

    page_specs = {
        name: [("wagtailcore", "page", codename) for codename in codenames]
        for name, codenames in PAGE_PERMISSIONS.items()
    }
    every_spec = [
        spec
        for table in (page_specs, COLLECTION_PERMISSIONS, MODEL_PERMISSIONS)
        for specs in table.values()
        for spec in specs
    ]
    ensure_permissions_exist(apps, every_spec)

    root_page = Page.objects.filter(depth=1).order_by("path").first()
    root_collection = Collection.objects.filter(depth=1).order_by("path").first()
    groups = {}
    for name in (MARKETING_EDITORS, MEDICAL_REVIEWERS):
        group, _ = Group.objects.get_or_create(name=name)
        groups[name] = group
        group.permissions.add(*find_permissions(Permission, MODEL_PERMISSIONS[name]))
        if root_page:
            for permission in find_permissions(Permission, page_specs[name]):
                GroupPagePermission.objects.get_or_create(
                    group=group, page=root_page, permission=permission
                )
        if root_collection:
            for permission in find_permissions(
                Permission, COLLECTION_PERMISSIONS[name]
            ):
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )
    workflow = _ensure_medical_review_workflow(apps, groups[MEDICAL_REVIEWERS])
    _assign_to_reviewed_sections(apps, workflow)


def _ensure_medical_review_workflow(apps, reviewers):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    MedicalReviewTask = apps.get_model("editorial", "MedicalReviewTask")

    workflow, created = Workflow.objects.get_or_create(name=MEDICAL_REVIEW)
    if not created:
        return workflow
    task_type, _ = ContentType.objects.get_or_create(
        app_label="editorial", model="medicalreviewtask"
    )
    task = MedicalReviewTask.objects.create(
        name="Approval by a medical reviewer", content_type=task_type
    )
    task.groups.add(reviewers)
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow


def _assign_to_reviewed_sections(apps, workflow):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    for app_label, model in REVIEWED_SECTIONS:
        page_type = ContentType.objects.filter(app_label=app_label, model=model)
        for page in Page.objects.filter(content_type__in=page_type):
            WorkflowPage.objects.get_or_create(
                page=page, defaults={"workflow": workflow}
            )
