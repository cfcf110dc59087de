"""Contains all the data models used in inputs/outputs"""

from .autoconvert import Autoconvert
from .bulk_omnimessage import BulkOmnimessage
from .bulk_omnimessage_created import BulkOmnimessageCreated
from .cancelled_omnimessage import CancelledOmnimessage
from .channel import Channel
from .delivery_error_code import DeliveryErrorCode
from .delivery_report import DeliveryReport
from .delivery_report_callback import DeliveryReportCallback
from .delivery_result import DeliveryResult
from .delivery_status import DeliveryStatus
from .error_code import ErrorCode
from .error_item import ErrorItem
from .error_response import ErrorResponse
from .error_title import ErrorTitle
from .message_result import MessageResult
from .omnimessage import Omnimessage
from .omnimessage_created import OmnimessageCreated
from .price_info import PriceInfo
from .priority import Priority
from .rcs import RCS
from .rcs_card_content import RcsCardContent
from .rcs_card_orientation import RcsCardOrientation
from .rcs_card_width import RcsCardWidth
from .rcs_carousel_card import RcsCarouselCard
from .rcs_content_info import RcsContentInfo
from .rcs_create_calendar_event_action import RcsCreateCalendarEventAction
from .rcs_dial_action import RcsDialAction
from .rcs_lat_long import RcsLatLong
from .rcs_media import RcsMedia
from .rcs_media_height import RcsMediaHeight
from .rcs_open_url_action import RcsOpenUrlAction
from .rcs_open_url_application import RcsOpenUrlApplication
from .rcs_rich_card import RcsRichCard
from .rcs_share_location_action import RcsShareLocationAction
from .rcs_standalone_card import RcsStandaloneCard
from .rcs_suggested_action import RcsSuggestedAction
from .rcs_suggested_reply import RcsSuggestedReply
from .rcs_suggestion import RcsSuggestion
from .rcs_thumbnail_image_alignment import RcsThumbnailImageAlignment
from .rcs_view_location_action import RcsViewLocationAction
from .rcs_webview_view_mode import RcsWebviewViewMode
from .sms import SMS
from .text_store import TextStore
from .viber import Viber
from .viber_carousel import ViberCarousel
from .viber_carousel_button import ViberCarouselButton
from .viber_carousel_item import ViberCarouselItem
from .viber_template import ViberTemplate
from .viber_template_params import ViberTemplateParams
from .viber_video import ViberVideo
from .whats_app import WhatsApp
from .whats_app_audio import WhatsAppAudio
from .whats_app_component import WhatsAppComponent
from .whats_app_currency import WhatsAppCurrency
from .whats_app_datetime import WhatsAppDatetime
from .whats_app_document import WhatsAppDocument
from .whats_app_image import WhatsAppImage
from .whats_app_language import WhatsAppLanguage
from .whats_app_media import WhatsAppMedia
from .whats_app_parameter import WhatsAppParameter
from .whats_app_sticker import WhatsAppSticker
from .whats_app_template import WhatsAppTemplate
from .whats_app_text import WhatsAppText
from .whats_app_video import WhatsAppVideo

__all__ = (
    "RCS",
    "SMS",
    "Autoconvert",
    "BulkOmnimessage",
    "BulkOmnimessageCreated",
    "CancelledOmnimessage",
    "Channel",
    "DeliveryErrorCode",
    "DeliveryReport",
    "DeliveryReportCallback",
    "DeliveryResult",
    "DeliveryStatus",
    "ErrorCode",
    "ErrorItem",
    "ErrorResponse",
    "ErrorTitle",
    "MessageResult",
    "Omnimessage",
    "OmnimessageCreated",
    "PriceInfo",
    "Priority",
    "RcsCardContent",
    "RcsCardOrientation",
    "RcsCardWidth",
    "RcsCarouselCard",
    "RcsContentInfo",
    "RcsCreateCalendarEventAction",
    "RcsDialAction",
    "RcsLatLong",
    "RcsMedia",
    "RcsMediaHeight",
    "RcsOpenUrlAction",
    "RcsOpenUrlApplication",
    "RcsRichCard",
    "RcsShareLocationAction",
    "RcsStandaloneCard",
    "RcsSuggestedAction",
    "RcsSuggestedReply",
    "RcsSuggestion",
    "RcsThumbnailImageAlignment",
    "RcsViewLocationAction",
    "RcsWebviewViewMode",
    "TextStore",
    "Viber",
    "ViberCarousel",
    "ViberCarouselButton",
    "ViberCarouselItem",
    "ViberTemplate",
    "ViberTemplateParams",
    "ViberVideo",
    "WhatsApp",
    "WhatsAppAudio",
    "WhatsAppComponent",
    "WhatsAppCurrency",
    "WhatsAppDatetime",
    "WhatsAppDocument",
    "WhatsAppImage",
    "WhatsAppLanguage",
    "WhatsAppMedia",
    "WhatsAppParameter",
    "WhatsAppSticker",
    "WhatsAppTemplate",
    "WhatsAppText",
    "WhatsAppVideo",
)
