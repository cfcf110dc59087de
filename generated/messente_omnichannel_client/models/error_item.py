from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.error_code import ErrorCode
from ..models.error_title import ErrorTitle

T = TypeVar("T", bound="ErrorItem")


@_attrs_define
class ErrorItem:
    """One error of a failed request."""

    title: ErrorTitle | str
    """ The title matching `code`. Titles beyond `ErrorTitle` are passed through. """
    detail: str
    """ Free-form description of the error, saying what to fix. """
    code: ErrorCode | str
    """ The error code, a string. Codes beyond `ErrorCode` are passed through. """
    source: None | str
    """ The field of the request that causes the error (for example `messages[1].text`); null for answers other than
    400. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        title: str
        if isinstance(self.title, ErrorTitle):
            title = self.title.value
        else:
            title = self.title

        detail = self.detail

        code: str
        if isinstance(self.code, ErrorCode):
            code = self.code.value
        else:
            code = self.code

        source: None | str
        source = self.source

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "title": title,
                "detail": detail,
                "code": code,
                "source": source,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_title(data: object) -> ErrorTitle | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                title_type_0 = ErrorTitle(data)

                return title_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ErrorTitle | str, data)

        title = _parse_title(d.pop("title"))

        detail = d.pop("detail")

        def _parse_code(data: object) -> ErrorCode | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                code_type_0 = ErrorCode(data)

                return code_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ErrorCode | str, data)

        code = _parse_code(d.pop("code"))

        def _parse_source(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        source = _parse_source(d.pop("source"))

        error_item = cls(
            title=title,
            detail=detail,
            code=code,
            source=source,
        )

        error_item.additional_properties = d
        return error_item

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
