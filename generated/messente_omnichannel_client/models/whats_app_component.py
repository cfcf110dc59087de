from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.whats_app_parameter import WhatsAppParameter


T = TypeVar("T", bound="WhatsAppComponent")


@_attrs_define
class WhatsAppComponent:
    """A component of a WhatsApp template (header, body, button, ...)."""

    type_: str
    """ Type of the component, for example `header`, `body` or `button`. """
    sub_type: str | Unset = UNSET
    """ Sub-type of the component, for example `quick_reply` or `url` for buttons. """
    index: int | None | Unset = UNSET
    """ Position of the button the component describes; may be null. """
    parameters: list[WhatsAppParameter] | Unset = UNSET
    """ The component's parameters. """

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        sub_type = self.sub_type

        index: int | None | Unset
        if isinstance(self.index, Unset):
            index = UNSET
        else:
            index = self.index

        parameters: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.parameters, Unset):
            parameters = []
            for parameters_item_data in self.parameters:
                parameters_item = parameters_item_data.to_dict()
                parameters.append(parameters_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
            }
        )
        if sub_type is not UNSET:
            field_dict["sub_type"] = sub_type
        if index is not UNSET:
            field_dict["index"] = index
        if parameters is not UNSET:
            field_dict["parameters"] = parameters

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.whats_app_parameter import WhatsAppParameter

        d = dict(src_dict)
        type_ = d.pop("type")

        sub_type = d.pop("sub_type", UNSET)

        def _parse_index(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        index = _parse_index(d.pop("index", UNSET))

        _parameters = d.pop("parameters", UNSET)
        parameters: list[WhatsAppParameter] | Unset = UNSET
        if _parameters is not UNSET:
            parameters = []
            for parameters_item_data in _parameters:
                parameters_item = WhatsAppParameter.from_dict(parameters_item_data)

                parameters.append(parameters_item)

        whats_app_component = cls(
            type_=type_,
            sub_type=sub_type,
            index=index,
            parameters=parameters,
        )

        return whats_app_component
