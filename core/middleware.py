from django.conf import settings

from csp.middleware import CSPMiddleware, PolicyParts


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """The strict site-wide policy, relaxed only where the Wagtail admin needs it."""

    ADMIN_RELAXATIONS = {
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
    }

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and request.path_info.startswith(
            "/" + settings.WAGTAIL_ADMIN_PATH
        ):
            return PolicyParts(
                config=parts.config,
                update=parts.update,
                replace={**(parts.replace or {}), **self.ADMIN_RELAXATIONS},
                nonce=parts.nonce,
            )
        return parts
