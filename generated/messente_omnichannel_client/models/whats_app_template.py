from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.whats_app_component import WhatsAppComponent
    from ..models.whats_app_language import WhatsAppLanguage


T = TypeVar("T", bound="WhatsAppTemplate")


@_attrs_define
class WhatsAppTemplate:
    """A WhatsApp template message. The template must be approved by WhatsApp before use."""

    name: str
    """ Name of the template. """
    language: WhatsAppLanguage
    """ The language of a WhatsApp template. """
    components: list[WhatsAppComponent] | Unset = UNSET
    """ The template's components. """

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        language = self.language.to_dict()

        components: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.components, Unset):
            components = []
            for components_item_data in self.components:
                components_item = components_item_data.to_dict()
                components.append(components_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "language": language,
            }
        )
        if components is not UNSET:
            field_dict["components"] = components

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.whats_app_component import WhatsAppComponent
        from ..models.whats_app_language import WhatsAppLanguage

        d = dict(src_dict)
        name = d.pop("name")

        language = WhatsAppLanguage.from_dict(d.pop("language"))

        _components = d.pop("components", UNSET)
        components: list[WhatsAppComponent] | Unset = UNSET
        if _components is not UNSET:
            components = []
            for components_item_data in _components:
                components_item = WhatsAppComponent.from_dict(components_item_data)

                components.append(components_item)

        whats_app_template = cls(
            name=name,
            language=language,
            components=components,
        )

        return whats_app_template
