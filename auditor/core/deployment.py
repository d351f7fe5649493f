"""The validated model of a store camera deployment (what a deployment YAML file describes).

Every field that a rule needs in order to decide is optional and defaults to None ("not declared"):
the Facts document then leaves it out, and a rule that needs it asks the assessor instead of guessing.
Unknown keys are errors. Enumerations are closed vocabularies; their values are what the rule packs test.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import Enum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

from auditor.core.answers import ANSWER_SCHEMA

SCHEMA_VERSION = 1

# ISO 3166-1 alpha-2 codes of the EEA (EU 27 + Iceland, Liechtenstein, Norway).
EEA_COUNTRIES = frozenset(
    ["AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO"]
)

Id = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$",
                          description="Identifier: letters, digits, '-', '_', '.'; at most 64 characters.")]
Country = Annotated[str, Field(pattern=r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$",
                               description="ISO 3166-1 alpha-2 country code, optionally with a subdivision "
                                           "(FR, DE, US-IL).")]
NonEmpty = Annotated[str, Field(min_length=1, max_length=2000)]


UNKNOWN = "unknown"


class Strict(BaseModel):
    """Base of every section: unknown keys are errors; values are not silently coerced from other types.

    `key: unknown` and `key: null` both mean "not declared": the key is dropped before validation, so it is
    absent from the Facts document and a rule that needs it asks the assessor (docs/deployment-model.md).
    """

    model_config = ConfigDict(extra="forbid", strict=False, populate_by_name=False,
                              use_enum_values=True, validate_default=False)

    @model_validator(mode="before")
    @classmethod
    def _unknown_is_not_declared(cls, data: Any) -> Any:
        if isinstance(data, dict):
            return {k: v for k, v in data.items() if not (v is None or v == UNKNOWN)}
        return data


# --- vocabularies -------------------------------------------------------------------------------------------


class StoreType(str, Enum):
    supermarket = "supermarket"
    hypermarket = "hypermarket"
    convenience = "convenience"
    fashion = "fashion"
    electronics = "electronics"
    pharmacy = "pharmacy"
    jewellery = "jewellery"
    department_store = "department_store"
    shopping_mall = "shopping_mall"
    tobacconist = "tobacconist"
    specialist = "specialist"
    # sites other than shops that the same rules meet
    station = "station"
    stadium = "stadium"
    school = "school"
    hospital = "hospital"
    office_building = "office_building"
    online_service = "online_service"
    other = "other"


class Zone(str, Enum):
    """Where a camera is (its main location)."""

    entrance = "entrance"
    sales_floor = "sales_floor"
    checkout = "checkout"
    self_checkout = "self_checkout"
    fitting_room_area = "fitting_room_area"      # the corridor or waiting area outside the cubicles
    fitting_room = "fitting_room"                # inside a cubicle
    stockroom = "stockroom"
    staff_room = "staff_room"                    # break or rest room
    office = "office"
    union_room = "union_room"                    # premises of staff representatives
    toilets = "toilets"
    car_park = "car_park"
    street_frontage = "street_frontage"          # shop front, facing the street
    mall_concourse = "mall_concourse"            # common areas of a shopping centre


class View(str, Enum):
    overhead = "overhead"        # top-down, e.g. a counting sensor
    angled = "angled"            # the usual ceiling-mounted CCTV angle
    eye_level = "eye_level"      # at face height (kiosks, checkout screens)


class Viewer(str, Enum):
    security = "security"
    management = "management"
    dpo = "dpo"
    store_staff = "store_staff"
    all_staff = "all_staff"
    vendor = "vendor"
    police = "police"
    public = "public"


class Purpose(str, Enum):
    """Why a camera films. `safety`, `security` and `general` alone are too vague (EDPB 3/2019 para 15)."""

    theft_prevention = "theft_prevention"
    assault_prevention = "assault_prevention"
    staff_protection = "staff_protection"
    fraud_prevention = "fraud_prevention"
    property_protection = "property_protection"
    incident_investigation = "incident_investigation"
    safety = "safety"
    security = "security"
    general = "general"
    people_count = "people_count"
    occupancy = "occupancy"
    heatmap = "heatmap"
    anonymous_analytics = "anonymous_analytics"
    audience_measurement = "audience_measurement"
    marketing = "marketing"
    customer_experience = "customer_experience"
    staff_performance = "staff_performance"
    payment = "payment"
    loyalty = "loyalty"
    age_verification = "age_verification"
    health_screening = "health_screening"
    dwell_time = "dwell_time"
    attendance = "attendance"


class Technique(str, Enum):
    """What a processing activity does (REFERENCE.md §0 activity types, plus generic analytics)."""

    security_recording = "security_recording"
    people_count = "people_count"
    heatmap = "heatmap"
    reid_tracking = "reid_tracking"                      # re-identification across cameras or visits
    demographic_age = "demographic_age"
    demographic_gender = "demographic_gender"
    demographic_ethnicity = "demographic_ethnicity"
    emotion = "emotion"                                  # emotion / satisfaction analysis
    face_id_watchlist = "face_id_watchlist"              # 1:N against a watch list
    face_id_vip = "face_id_vip"                          # 1:N against a VIP / known-customer list
    face_verification_payment = "face_verification_payment"  # 1:1 (or claimed 1:1) face payment
    vital_signs_heart_rate = "vital_signs_heart_rate"
    body_temperature = "body_temperature"
    wifi_mac = "wifi_mac"                                # passive WiFi probe / MAC capture
    ble_beacon_app = "ble_beacon_app"                    # Bluetooth beacons read by a retailer app
    mood_music = "mood_music"                            # music adapted to detected mood
    age_estimation_sale_control = "age_estimation_sale_control"
    self_checkout_scan_check = "self_checkout_scan_check"
    behaviour_detection = "behaviour_detection"          # "suspicious behaviour" analytics
    attendance = "attendance"                            # time and attendance of staff (or pupils)
    face_search = "face_search"                          # searching recorded footage for a face (after the fact)


class PurposeCategory(str, Enum):
    security = "security"
    marketing = "marketing"
    analytics = "analytics"
    staff_performance = "staff_performance"
    payment = "payment"
    loyalty = "loyalty"
    store_operations = "store_operations"
    health_safety = "health_safety"
    legal_obligation = "legal_obligation"


class DataCategory(str, Enum):
    video_images = "video_images"
    audio = "audio"
    face_templates = "face_templates"
    body_or_gait_templates = "body_or_gait_templates"
    age_range = "age_range"
    gender = "gender"
    ethnic_origin = "ethnic_origin"
    emotions = "emotions"
    heart_rate = "heart_rate"
    body_temperature = "body_temperature"
    device_identifiers = "device_identifiers"
    location_trail = "location_trail"
    counts = "counts"
    dwell_times = "dwell_times"
    app_user_id = "app_user_id"
    loyalty_id = "loyalty_id"
    payment_data = "payment_data"
    identity = "identity"
    criminal_offence_data = "criminal_offence_data"
    # special categories (GDPR Art 9(1)) an analytics product may infer; AI Act Art 5(1)(g) when inferred
    # from biometric data
    health_status = "health_status"
    political_opinions = "political_opinions"
    trade_union_membership = "trade_union_membership"
    religious_or_philosophical_beliefs = "religious_or_philosophical_beliefs"
    sex_life = "sex_life"
    sexual_orientation = "sexual_orientation"


class Subject(str, Enum):
    customers = "customers"
    general_public = "general_public"     # anyone who passes (station, stadium, street)
    employees = "employees"
    minors = "minors"
    passers_by = "passers_by"
    loyalty_members = "loyalty_members"
    app_users = "app_users"
    contractors = "contractors"


LegalBasis = Literal["6(1)(a)", "6(1)(b)", "6(1)(c)", "6(1)(d)", "6(1)(e)", "6(1)(f)"]
Art9Exception = Literal["9(2)(a)", "9(2)(b)", "9(2)(c)", "9(2)(d)", "9(2)(e)", "9(2)(f)", "9(2)(g)",
                        "9(2)(h)", "9(2)(i)", "9(2)(j)"]


def _one_or_many(value: Any) -> Any:
    """A single value where a list is expected: a list of one (older files give one Art 9(2) exception)."""
    return [value] if isinstance(value, str) else value


class OffencePrediction(str, Enum):
    """Whether an analytics activity assesses the risk that a person commits an offence (AI Act Art 5(1)(d))."""

    none = "none"                        # it flags events or objects, not the risk that a person offends
    profiling = "profiling"              # a risk of offending predicted from profiling or personality traits
    objective_facts = "objective_facts"  # supports a human assessment based on objective, verifiable facts
                                         # directly linked to a criminal activity (e.g. an item concealed)


class AdvertisingPlacement(str, Enum):
    """Where the advertising devices are (French C. env. L581-2 scope of L581-9)."""

    public_road = "public_road"          # on, or visible from, a road open to public traffic
    shop_window = "shop_window"          # inside a shop window, visible from the road
    in_store = "in_store"                # inside the premises, not visible from the road
    advertising_premises = "advertising_premises"   # premises mainly used as an advertising medium


class ConsentMechanism(str, Enum):
    none = "none"
    signage = "signage"                  # "by entering you agree"
    opt_in_app = "opt_in_app"
    enrolment_kiosk = "enrolment_kiosk"
    written = "written"
    os_permission_only = "os_permission_only"


class TemplateStorage(str, Enum):
    none = "none"
    user_device = "user_device"
    central_user_key = "central_user_key"
    central_controller = "central_controller"
    vendor_cloud = "vendor_cloud"


class ProcessingLocation(str, Enum):
    on_device = "on_device"              # on the camera / edge box
    on_premises = "on_premises"          # a server in the store
    controller_cloud = "controller_cloud"
    vendor_cloud = "vendor_cloud"


class AutomatedAction(str, Enum):
    none = "none"
    staff_alert = "staff_alert"
    deny_entry = "deny_entry"
    refuse_refund = "refuse_refund"
    targeted_ad = "targeted_ad"
    price = "price"
    music = "music"
    payment = "payment"


class Output(str, Enum):
    aggregate = "aggregate"
    individual = "individual"


class Signal(str, Enum):
    """Inputs an activity uses: biometric signals (face, voice, body, gait) or not."""

    face = "face"
    voice = "voice"
    body = "body"
    gait = "gait"
    thermal = "thermal"
    device_radio = "device_radio"
    app_location = "app_location"
    time_of_day = "time_of_day"
    crowd_density = "crowd_density"
    sales_data = "sales_data"


class LinkedData(str, Enum):
    loyalty = "loyalty"
    crm = "crm"
    pos = "pos"
    app_account = "app_account"
    payment_wallet = "payment_wallet"
    third_party = "third_party"
    other_stores = "other_stores"


class VendorRole(str, Enum):
    processor = "processor"
    sub_processor = "sub_processor"
    joint_controller = "joint_controller"
    controller = "controller"            # an independent controller receiving data


class TransferMechanism(str, Enum):
    none = "none"
    adequacy = "adequacy"
    scc = "scc"                          # SCCs without a transfer impact assessment
    scc_tia = "scc_tia"                  # SCCs with a transfer impact assessment and supplementary measures
    bcr = "bcr"
    derogation = "derogation"


class WatchlistSource(str, Enum):
    own_enrolment = "own_enrolment"      # people who enrolled themselves (VIP / loyalty)
    staff_designation = "staff_designation"
    cctv_extract = "cctv_extract"
    police = "police"
    other_retailers = "other_retailers"
    media = "media"
    vendor_database = "vendor_database"
    court_order = "court_order"          # people a court banned from the premises
    scraped_images = "scraped_images"    # faces collected from the internet or social media


class WatchlistCriterion(str, Enum):
    vip = "vip"
    loyalty_tier = "loyalty_tier"
    shoplifting = "shoplifting"
    suspected_offender = "suspected_offender"
    banned_person = "banned_person"
    court_order = "court_order"


class SignField(str, Enum):
    controller = "controller"
    purposes = "purposes"
    rights = "rights"
    legitimate_interest = "legitimate_interest"
    dpo_contact = "dpo_contact"
    retention = "retention"
    transfers = "transfers"
    second_layer_ref = "second_layer_ref"
    pictogram = "pictogram"
    responsible_phone = "responsible_phone"
    ai_notice = "ai_notice"              # AI Act Art 50(3) notice of emotion recognition / categorisation
    objection_route = "objection_route"


class SecondLayer(str, Enum):
    url = "url"
    qr = "qr"
    desk = "desk"
    none = "none"


class NoticeTopic(str, Enum):
    transfers = "transfers"
    profiling = "profiling"
    automated_decisions = "automated_decisions"
    biometrics = "biometrics"
    retention = "retention"
    rights = "rights"
    complaint = "complaint"


class DpiaSection(str, Enum):
    description = "description"          # Art 35(7)(a)
    necessity = "necessity"              # Art 35(7)(b)
    risks = "risks"                      # Art 35(7)(c)
    measures = "measures"                # Art 35(7)(d)


class RiskLevel(str, Enum):
    low = "low"
    medium = "medium"
    high = "high"


class Art9LawKind(str, Enum):
    """What the text relied on for Art 9(2)(g), (h) or (i) is: only a law of the Union or a Member State counts."""

    union_law = "union_law"
    member_state_law = "member_state_law"
    protocol = "protocol"
    guideline = "guideline"
    contract = "contract"
    other = "other"


class SensorKind(str, Enum):
    """Sensors other than cameras."""

    wifi_probe = "wifi_probe"            # captures the probe requests phones broadcast
    ble_beacon = "ble_beacon"            # broadcasts an identifier that an app reads
    ble_scanner = "ble_scanner"          # captures the Bluetooth identifiers devices broadcast
    thermal = "thermal"                  # thermal imaging (body temperature)
    counter_3d = "counter_3d"            # stereo / time-of-flight people counter
    microphone = "microphone"
    other = "other"


class Schedule(str, Enum):
    continuous = "continuous"
    opening_hours = "opening_hours"
    after_hours = "after_hours"


# --- sections -------------------------------------------------------------------------------------------------


class Store(Strict):
    name: NonEmpty | None = None
    country: Country
    address: NonEmpty | None = None
    type: StoreType | None = None
    opening_hours: str | None = Field(None, description="Free text, e.g. 'Mo-Sa 09:00-20:00'.")
    open_to_public: bool | None = Field(None, description="The premises are open to any member of the public.")
    store_count: int | None = Field(None, ge=1, le=100_000, description="Stores covered by this deployment.")
    visitors_per_day: int | None = Field(None, ge=0, le=10_000_000)
    employees: int | None = Field(None, ge=0, le=10_000_000, description="Headcount at the site.")
    minors_may_be_present: bool | None = Field(
        None, description="Children may be present (assumed for a shop open to the public when not declared).")
    advertising_device: bool | None = Field(
        None, description="Digital signage / ad screens measure the audience (French C. env. L581-9).")
    advertising_placement: list[AdvertisingPlacement] | None = Field(
        None, description="Where the audience-measuring advertising devices are: on or visible from the public "
                          "road, in a shop window, only inside the store, premises mainly used for advertising.")
    particularly_exposed: bool | None = Field(
        None, description="The site is particularly exposed to assault or theft (French CSI L251-2).")


class Party(Strict):
    name: NonEmpty | None = None
    country: Country | None = None
    address: str | None = None
    contact: str | None = None
    established_in_eu: bool | None = Field(
        None, description="Has an establishment in the Union through which it processes the data (GDPR Art 3(1)).")
    eu_representative: str | None = Field(
        None, description="Representative designated in writing in the Union (GDPR Art 27), name and address.")


class Dpo(Strict):
    appointed: bool | None = None
    name: str | None = None
    contact: str | None = None
    consulted_before: bool | None = Field(None, description="The DPO gave advice before go-live (GDPR Art 38(1)).")


class Vendor(Strict):
    name: NonEmpty
    role: VendorRole
    country: Country
    receives: list[DataCategory] = Field(default_factory=list, description="Data categories the vendor receives.")
    art28_contract: bool | None = None
    contract_deletion_clause: bool | None = None
    contract_audit_clause: bool | None = None
    transfer_mechanism: TransferMechanism | None = None
    pools_customer_footage: bool | None = Field(
        None, description="The vendor reuses customers' footage to grow its own face database.")
    own_purposes: bool | None = Field(
        None, description="The vendor uses the data it receives for its own purposes (e.g. training its models).")
    established_in_eu: bool | None = Field(None, description="Has an establishment in the Union (GDPR Art 3(1)).")
    eu_representative: str | None = Field(None, description="Representative in the Union (GDPR Art 27).")

    @property
    def outside_eea(self) -> bool:
        return self.country.split("-")[0] not in EEA_COUNTRIES


class Encryption(Strict):
    at_rest: bool | None = None
    in_transit: bool | None = None


_RESOLUTION = re.compile(r"^([1-9][0-9]{1,4})x([1-9][0-9]{1,4})$")


class Camera(Strict):
    id: Id
    name: str | None = None
    count: int = Field(1, ge=1, le=10_000, description="Number of identical cameras this entry describes.")
    zone: Zone | None = None
    location: str | None = Field(None, description="Where exactly, in words.")
    mounting_height_m: float | None = Field(None, gt=0, le=50)
    view: View | None = None
    orientation: str | None = Field(None, description="What the camera faces, in words.")
    field_of_view_deg: float | None = Field(None, gt=0, le=360)
    resolution: str | None = Field(None, description="WIDTHxHEIGHT in pixels, e.g. 1920x1080.")
    fps: float | None = Field(None, gt=0, le=240)
    purposes: list[Purpose] = Field(default_factory=list)
    recording: bool | None = None
    schedule: Schedule | None = None
    live_viewing: bool | None = None
    live_public_monitor: bool | None = Field(None, description="A public screen shows the live image.")
    viewers: list[Viewer] | None = None
    retention_days: float | None = Field(None, ge=0, le=3650)
    retention_justification: str | None = None
    auto_delete: bool | None = None
    encryption: Encryption | None = None
    audio: bool | None = None
    ptz_zoom: bool | None = None
    ptz_justification: str | None = None
    hidden: bool | None = None
    privacy_masking: bool | None = None
    employee_workstations_in_view: bool | None = None
    cashier_in_view: bool | None = Field(None, description="The operator at a till is in frame (not only the till).")
    public_road_in_view: bool | None = None
    separate_from_interior: bool | None = Field(
        None, description="An outside camera filming the public road is disconnected from the interior system, "
                          "so that the shop cannot view its images (French CSI L252-2, decree 2015-489).")
    neighbour_property_in_view: bool | None = None
    footage: list[str] = Field(default_factory=list,
                               description="Sample footage files, relative to this config file's folder.")

    @field_validator("resolution")
    @classmethod
    def _resolution(cls, v: str | None) -> str | None:
        if v is not None and not _RESOLUTION.match(v):
            raise ValueError("resolution must look like 1920x1080")
        return v

    @property
    def size(self) -> tuple[int, int] | None:
        if not self.resolution:
            return None
        w, h = self.resolution.split("x")
        return int(w), int(h)


class Sensor(Strict):
    """A sensor other than a camera (WiFi probes, Bluetooth beacons or scanners, thermal, 3D counters)."""

    id: Id
    kind: SensorKind
    count: int = Field(1, ge=1, le=100_000, description="Number of identical sensors this entry describes.")
    zone: Zone | None = None
    placement: str | None = Field(None, description="Where exactly, in words.")
    purposes: list[Purpose] = Field(default_factory=list)
    vendor: str | None = Field(None, description="Name of the vendor operating it (see `vendors`).")


class Consent(Strict):
    mechanism: ConsentMechanism
    refusal: str | None = Field(None, description="What happens to someone who refuses.")
    withdrawal: bool | None = Field(None, description="Consent can be withdrawn as easily as given.")
    granular: bool | None = None


class Objection(Strict):
    available: bool | None = None
    effective_before_processing: bool | None = None
    method: str | None = None
    requires_disabling_device_feature: bool | None = Field(
        None, description="Objecting means switching WiFi/Bluetooth off (not an acceptable route per the CNIL).")


class Transfer(Strict):
    country: Country
    recipient: str | None = None
    mechanism: TransferMechanism
    data: list[DataCategory] = Field(default_factory=list)


class Watchlist(Strict):
    sources: list[WatchlistSource] = Field(default_factory=list)
    criteria: list[WatchlistCriterion] = Field(default_factory=list)
    enrolled_count: int | None = Field(None, ge=0)
    shared_with_other_controllers: bool | None = None
    contains_criminal_data: bool | None = None
    police_directed: bool | None = None
    bulk_enrolment: bool | None = Field(None, description="Faces are enrolled in bulk (untargeted) from footage.")
    enrolment_criteria_documented: bool | None = None
    image_quality_standard: bool | None = None
    review_cycle_days: int | None = Field(None, ge=1)
    false_match_monitoring: bool | None = None
    subjects_informed: bool | None = None
    statute: str | None = Field(None, description="The national law relied on, if any.")


class AiSystem(Strict):
    """AI Act deployer facts (Art 4, 26)."""

    provider: str | None = None
    instructions_followed: bool | None = None
    human_oversight: bool | None = None
    log_retention_months: float | None = Field(None, ge=0)
    workers_informed: bool | None = None
    staff_trained: bool | None = Field(None, description="AI-literacy training of the staff using it (Art 4).")
    monitoring: bool | None = None


class Activity(Strict):
    id: Id
    name: NonEmpty | None = None
    technique: Technique
    purpose: str | None = Field(None, description="The purpose, in words.")
    purpose_category: PurposeCategory | None = None
    cameras: list[str] = Field(default_factory=list, description="Ids of the cameras this activity uses.")
    sensors: list[str] = Field(default_factory=list, description="Ids of the other sensors this activity uses.")
    signals: list[Signal] = Field(default_factory=list)
    data_categories: list[DataCategory] = Field(default_factory=list)
    subjects: list[Subject] = Field(default_factory=list)
    legal_basis: LegalBasis | None = None
    art9_exception: Annotated[list[Art9Exception], BeforeValidator(
        _one_or_many, json_schema_input_type=Art9Exception | list[Art9Exception])] = Field(
        default_factory=list, description="The Art 9(2) exception relied on, or a list when the activity relies on "
                                          "several. The Facts list them in `art9_exceptions` and keep "
                                          "`art9_exception` only when there is exactly one.")
    art9_statute: str | None = Field(None, description="The statute relied on for Art 9(2)(g), (h) or (i).")
    art9_law_kind: Art9LawKind | None = Field(
        None, description="What art9_statute is: a Union or Member State law, or a protocol, guideline or contract.")
    anonymous_claim: bool | None = Field(
        None, description="The notice, contract or vendor documentation presents the data as anonymous.")
    consent: Consent | None = None
    alternative_offered: bool | None = None
    objection: Objection | None = None
    template_created: bool | None = None
    template_storage: TemplateStorage | None = None
    raw_images_deleted_after_enrolment: bool | None = None
    matching: Literal["none", "1:1", "1:N"] | None = None
    matching_initiated_by_subject: bool | None = Field(
        None, description="Matching starts only by the person's own action (kiosk, button, lane).")
    anonymisation_latency_s: float | None = Field(None, ge=0)
    pseudonymisation: bool | None = None
    output: Output | None = None
    images_stored: bool | None = None
    retention_days: float | None = Field(None, ge=0, le=3650)
    processing_location: ProcessingLocation | None = None
    raw_frames_leave_device: bool | None = None
    vendors: list[str] = Field(default_factory=list, description="Names of vendors (see `vendors`).")
    transfers: list[Transfer] = Field(default_factory=list)
    automated_action: AutomatedAction | None = None
    human_review: bool | None = None
    effects: str | None = Field(None, description="What the output changes for the person, in words.")
    linked_data: list[LinkedData] = Field(default_factory=list)
    coverage: Literal["zone", "store", "mall", "chain"] | None = None
    watchlist: Watchlist | None = None
    ai_system: AiSystem | None = None
    ropa_entry: bool | None = Field(None, description="The activity is in the record of processing (Art 30).")
    in_app_notice: bool | None = None
    lia_done: bool | None = Field(None, description="A legitimate-interest assessment exists for this activity.")
    alternatives_analysis: bool | None = None
    real_world_trial: bool | None = None
    staff_excluded_technically: bool | None = Field(
        None, description="Staff are masked or excluded from the analysis by design.")
    medical_or_safety_reason: str | None = None
    offence_prediction: OffencePrediction | None = Field(
        None, description="Whether the activity assesses the risk that a person commits an offence, and on what "
                          "basis (AI Act Art 5(1)(d)).")
    uses_security_footage: bool | None = Field(
        None, description="Reuses the security CCTV stream for this purpose.")
    separate_notice: bool | None = None

    @model_validator(mode="after")
    def _templates_need_storage(self) -> Activity:
        if self.template_created and self.template_storage == TemplateStorage.none.value:
            raise ValueError("template_created is true but template_storage is 'none'")
        return self


class Signage(Strict):
    present: bool | None = None
    before_entry: bool | None = None
    placement: str | None = None
    eye_level: bool | None = None
    fields: list[SignField] = Field(default_factory=list)
    second_layer: SecondLayer | None = None
    second_layer_covers: list[NoticeTopic] = Field(default_factory=list)


class Dpia(Strict):
    done: bool | None = None
    date: dt.date | None = None
    sections: list[DpiaSection] = Field(
        default_factory=list, description="The Art 35(7) sections the DPIA contains (the others are missing).")
    sections_missing: list[DpiaSection] = Field(
        default_factory=list, description="Sections known to be missing, when the others are not known: "
                                          "`sections_missing: [risks]` says the risks are not listed and no more.")
    covers_employees: bool | None = None
    covers_minors: bool | None = None
    residual_risk: RiskLevel | None = None
    authority_consulted: bool | None = None
    dpo_opinion: bool | None = None
    data_subjects_consulted: bool | None = None


class Lia(Strict):
    done: bool | None = None
    incident_log: bool | None = Field(None, description="Past incidents are documented (date, manner, loss).")
    alternatives_considered: bool | None = None
    reviewed: dt.date | None = None


class Employees(Strict):
    informed_individually: bool | None = None
    cse_consulted: bool | None = Field(None, description="Works council (CSE) informed and consulted (FR).")
    cse_required: bool | None = Field(None, description="The employer must have a CSE (headcount threshold).")


class PrefectoralAuthorisation(Strict):
    granted: bool | None = None
    requested: dt.date | None = Field(None, description="Date the application was filed (pending if not granted).")
    refused: bool | None = Field(None, description="The prefect refused the authorisation.")
    reference: str | None = None
    expiry: dt.date | None = None
    covers_surroundings: bool | None = Field(
        None, description="Specific authorisation to film the immediate surroundings (abords immédiats).")


class Authorisations(Strict):
    prefectoral: PrefectoralAuthorisation | None = None
    cnil_advertising: bool | None = Field(None, description="CNIL authorisation under C. env. L581-9.")


class AccessControl(Strict):
    role_based: bool | None = None
    logging: bool | None = None
    remote_viewing: bool | None = None
    mfa_remote: bool | None = None
    export_only_on_incident: bool | None = None


class Procedures(Strict):
    access_requests: bool | None = Field(None, description="Written procedure for access requests to footage.")
    freeze_on_request: bool | None = Field(None, description="Footage under a pending request is kept.")
    erasure_requests: bool | None = Field(None, description="Written procedure for erasure requests (Art 17).")
    response_time_days: int | None = Field(
        None, ge=0, le=365, description="Standard time to answer requests, in days (GDPR Art 12(3): one month).")
    disclosure_log: bool | None = Field(None, description="Every export to police/insurers is logged.")
    incident_response: bool | None = None
    written_policy: bool | None = Field(
        None, description="Written internal rules for the cameras (purposes, who may view and export, retention, "
                          "deletion, requests): GDPR Art 24(2).")


class Security(Strict):
    encryption_at_rest: bool | None = None
    encryption_in_transit: bool | None = None
    recorder_location: str | None = None
    patching: bool | None = None
    other: list[str] = Field(default_factory=list)


class National(Strict):
    """Facts that national camera and labour laws ask about (docs/national-law.md says which law asks what)."""

    works_council: bool | None = Field(
        None, description="Staff at the site have elected representatives (works council, union delegation).")
    representatives_informed: bool | None = Field(
        None, description="Staff representatives were informed about the cameras before use (ES LOPDGDD Art 89, "
                          "BE CCT 68).")
    works_agreement: bool | None = Field(
        None, description="A works or collective agreement with the staff representatives covers the cameras "
                          "(DE BetrVG §87(1) no. 6, IT Statuto dei lavoratori Art 4, NL WOR Art 27(1)(l)).")
    labour_inspectorate_authorisation: bool | None = Field(
        None, description="The labour inspectorate authorised the cameras where no agreement exists (IT: INL).")
    police_declaration: bool | None = Field(
        None, description="The cameras were declared to the police before use (BE Camera Act).")
    image_register: bool | None = Field(
        None, description="A register of image-processing activities is kept (BE Camera Act).")
    dpa_authorisation: Literal["none", "requested", "granted", "refused"] | None = Field(
        None, description="Authorisation of the data protection authority for special-category processing "
                          "(DK Databeskyttelsesloven § 7(4)).")


class Deployment(Strict):
    """A store camera deployment: the root of a deployment YAML file."""

    model_config = ConfigDict(extra="forbid", use_enum_values=True,
                              json_schema_extra={"title": "Store camera deployment",
                                                 "$id": "https://store-camera-privacy-auditor.invalid/deployment.schema.json"})

    schema_version: Literal[1] = Field(1, description="Version of this file format.")
    title: str | None = Field(None, description="A short name for this deployment.")
    store: Store
    controller: Party
    dpo: Dpo | None = None
    joint_controllers: list[Party] = Field(default_factory=list)
    vendors: list[Vendor] = Field(default_factory=list)
    cameras: list[Camera] = Field(default_factory=list)
    sensors: list[Sensor] = Field(default_factory=list, description="Sensors other than cameras.")
    activities: list[Activity] = Field(default_factory=list)
    signage: Signage | None = None
    dpia: Dpia | None = None
    lia: Lia | None = None
    employees: Employees | None = None
    authorisations: Authorisations | None = None
    access_control: AccessControl | None = None
    procedures: Procedures | None = None
    security: Security | None = None
    recipients: list[Literal["police", "insurer", "lawyer", "vendor", "other"]] = Field(default_factory=list)
    ropa: bool | None = Field(None, description="A record of processing activities exists (Art 30).")
    answers: Any = Field(default_factory=list, json_schema_extra={"type": "array", "items": ANSWER_SCHEMA},
                               description="Assessor answers to the audit's questions (see docs/answers.md); "
                                           "not facts: the rules never read them, the engine applies them.")
    national: National | None = Field(None, description="Facts national laws ask about (works council, police "
                                                         "declaration, DPA authorisation...).")


def cross_reference_problems(dep: Deployment) -> list[tuple[tuple[str | int, ...], str]]:
    """Checks that need the whole document: unique ids and references to cameras and vendors.

    Returns (key path, message) pairs so that the loader can point at the offending line.
    """
    problems: list[tuple[tuple[str | int, ...], str]] = []
    for i, sensor in enumerate(dep.sensors):
        if sensor.vendor is not None and sensor.vendor not in {v.name for v in dep.vendors}:
            problems.append((("sensors", i, "vendor"), f"vendor {sensor.vendor!r} is not declared in `vendors`"))
    cameras: set[str] = set()
    for i, cam in enumerate(dep.cameras):
        if cam.id in cameras:
            problems.append((("cameras", i, "id"), f"camera id {cam.id!r} is used twice"))
        cameras.add(cam.id)
    activities: set[str] = set()
    vendor_names = {v.name for v in dep.vendors}
    for i, act in enumerate(dep.activities):
        if act.id in activities:
            problems.append((("activities", i, "id"), f"activity id {act.id!r} is used twice"))
        activities.add(act.id)
        for j, cid in enumerate(act.cameras):
            if cid not in cameras:
                problems.append((("activities", i, "cameras", j),
                                 f"camera {cid!r} is not declared in `cameras` ({', '.join(sorted(cameras)) or 'none'})"))
        sensor_ids = {x.id for x in dep.sensors}
        for j, sid in enumerate(act.sensors):
            if sid not in sensor_ids:
                problems.append((("activities", i, "sensors", j),
                                 f"sensor {sid!r} is not declared in `sensors` ({', '.join(sorted(sensor_ids)) or 'none'})"))
        for j, name in enumerate(act.vendors):
            if name not in vendor_names:
                problems.append((("activities", i, "vendors", j),
                                 f"vendor {name!r} is not declared in `vendors`"))
    return problems


def deployment_json_schema() -> dict[str, Any]:
    """The JSON Schema of deployment files (draft 2020-12), for editors and the YAML language server."""
    schema = Deployment.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    for model in schema.get("$defs", {}).values():
        for prop in model.get("properties", {}).values():
            _allow_unknown(prop)
    for prop in schema.get("properties", {}).values():
        _allow_unknown(prop)
    return schema


def _allow_unknown(prop: dict[str, Any]) -> None:
    """Every field may say `unknown` (not declared); editors validating against the schema must accept it."""
    if "anyOf" in prop:
        if {"const": UNKNOWN} not in prop["anyOf"]:
            prop["anyOf"].append({"const": UNKNOWN})
        return
    options = {k: prop.pop(k) for k in list(prop) if k not in ("title", "description", "default")}
    prop["anyOf"] = [options, {"const": UNKNOWN}]
