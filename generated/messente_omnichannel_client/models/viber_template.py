from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.viber_template_params import ViberTemplateParams


T = TypeVar("T", bound="ViberTemplate")


@_attrs_define
class ViberTemplate:
    """A Viber template message."""

    id: str
    """ Template identifier. """
    lang: str
    """ Template language code. """
    params: ViberTemplateParams | Unset = UNSET
    """ Values of the template's parameters, by parameter name. """

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        lang = self.lang

        params: dict[str, Any] | Unset = UNSET
        if not isinstance(self.params, Unset):
            params = self.params.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "lang": lang,
            }
        )
        if params is not UNSET:
            field_dict["params"] = params

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.viber_template_params import ViberTemplateParams

        d = dict(src_dict)
        id = d.pop("id")

        lang = d.pop("lang")

        _params = d.pop("params", UNSET)
        params: ViberTemplateParams | Unset
        if isinstance(_params, Unset):
            params = UNSET
        else:
            params = ViberTemplateParams.from_dict(_params)

        viber_template = cls(
            id=id,
            lang=lang,
            params=params,
        )

        return viber_template
