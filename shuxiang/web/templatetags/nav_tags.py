"""``{% signup_state activity as signup %}`` and ``{% staff_links activity as links %}``.

The activity pages use them to offer sign-up to readers and the readers app's desk, check-in and
card drive to staff, with the permissions those views check (shuxiang.web.navigation).
"""

from __future__ import annotations

from django import template

from shuxiang.activities.models import Activity
from shuxiang.web import navigation

register = template.Library()


@register.simple_tag
def signup_state(activity: Activity) -> str:
    """ "open", "full", "closed", or "" when the page offers no sign-up at all."""
    state = navigation.signup_state(activity)
    return state.value if state is not None else ""


@register.simple_tag(takes_context=True)
def staff_links(context: template.Context, activity: Activity) -> navigation.StaffLinks:
    return navigation.staff_links(context.get("user"), activity)
