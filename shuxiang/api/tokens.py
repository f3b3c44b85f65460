"""``/api/tokens``: make (signed in, not with a token), list and revoke your own bearer tokens."""

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Status

from shuxiang.api import services
from shuxiang.api.auth import SESSION_ONLY_AUTH, WRITE_AUTH
from shuxiang.api.models import ApiToken
from shuxiang.api.schemas import ErrorOut, TokenCreated, TokenIn, TokenOut

router = Router(tags=["tokens"], auth=WRITE_AUTH)


@router.get("", response=list[TokenOut])
def list_tokens(request: HttpRequest):
    return list(ApiToken.objects.filter(user=request.user))


@router.post(
    "", response={201: TokenCreated, 401: ErrorOut, 403: ErrorOut, 422: ErrorOut}, auth=SESSION_ONLY_AUTH
)
def create_token(request: HttpRequest, payload: TokenIn):
    """A new token; its ``token`` is shown in this answer only.

    Only from a signed-in session (with the CSRF token): a request bearing a token is refused (403),
    so a leaked token cannot mint successors. It works for ``expires_in_days`` (default 365, at most).
    """
    token, key = services.issue_token(
        name=payload.name, expires_in_days=payload.expires_in_days, acting_user=request.user
    )
    return Status(
        201,
        TokenCreated(
            id=token.pk,
            name=token.name,
            hint=token.hint,
            created_at=token.created_at,
            expires_at=token.expires_at,
            last_used_at=None,
            revoked_at=None,
            token=key,
        ),
    )


@router.post("/{token_id}/revoke", response={200: TokenOut, 403: ErrorOut})
def revoke_token(request: HttpRequest, token_id: int):
    token = get_object_or_404(ApiToken, pk=token_id, user=request.user)
    return services.revoke_token(token, acting_user=request.user)
