from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.rcs_open_url_application import RcsOpenUrlApplication
from ..models.rcs_webview_view_mode import RcsWebviewViewMode
from ..types import UNSET, Unset

T = TypeVar("T", bound="RcsOpenUrlAction")


@_attrs_define
class RcsOpenUrlAction:
    """Opens a URL."""

    url: str
    """ An absolute HTTP or HTTPS URL. """
    description: str | Unset = UNSET
    """ Accessibility description of the URL. """
    application: RcsOpenUrlApplication | Unset = UNSET
    """ Where the URL opens. """
    webview_view_mode: RcsWebviewViewMode | Unset = UNSET
    """ Size of the webview, when the URL opens in one. """

    def to_dict(self) -> dict[str, Any]:
        url = self.url

        description = self.description

        application: str | Unset = UNSET
        if not isinstance(self.application, Unset):
            application = self.application.value

        webview_view_mode: str | Unset = UNSET
        if not isinstance(self.webview_view_mode, Unset):
            webview_view_mode = self.webview_view_mode.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "url": url,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if application is not UNSET:
            field_dict["application"] = application
        if webview_view_mode is not UNSET:
            field_dict["webview_view_mode"] = webview_view_mode

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        url = d.pop("url")

        description = d.pop("description", UNSET)

        _application = d.pop("application", UNSET)
        application: RcsOpenUrlApplication | Unset
        if isinstance(_application, Unset):
            application = UNSET
        else:
            application = RcsOpenUrlApplication(_application)

        _webview_view_mode = d.pop("webview_view_mode", UNSET)
        webview_view_mode: RcsWebviewViewMode | Unset
        if isinstance(_webview_view_mode, Unset):
            webview_view_mode = UNSET
        else:
            webview_view_mode = RcsWebviewViewMode(_webview_view_mode)

        rcs_open_url_action = cls(
            url=url,
            description=description,
            application=application,
            webview_view_mode=webview_view_mode,
        )

        return rcs_open_url_action
