"""The closed vocabularies of the deployment model in words, in English and French.

Reports, rule messages and the interface print `sales_floor` as "sales floor" / "surface de vente".
"""

from __future__ import annotations

from typing import Any

# GDPR Art 9(1) categories an analytics product may infer (data categories and derived special categories).
_INFERRED_SPECIAL: dict[str, tuple[str, str]] = {
    "political_opinions": ("political opinions", "opinions politiques"),
    "trade_union_membership": ("trade-union membership", "appartenance syndicale"),
    "religious_or_philosophical_beliefs": ("religious or philosophical beliefs",
                           "convictions religieuses ou philosophiques"),
    "sex_life": ("sex life", "vie sexuelle"), "sexual_orientation": ("sexual orientation", "orientation sexuelle"),
}

VOCAB: dict[str, dict[str, tuple[str, str]]] = {
    "zone": {
        "entrance": ("entrance", "entrée"), "sales_floor": ("sales floor", "surface de vente"),
        "checkout": ("checkout", "caisse"), "self_checkout": ("self-checkout", "caisse automatique"),
        "fitting_room_area": ("fitting-room area", "abords des cabines d'essayage"),
        "fitting_room": ("fitting room", "cabine d'essayage"), "stockroom": ("stockroom", "réserve"),
        "staff_room": ("staff room", "salle de pause"), "office": ("office", "bureau"),
        "union_room": ("staff representatives' room", "local des représentants du personnel"),
        "toilets": ("toilets", "toilettes"), "car_park": ("car park", "parking"),
        "street_frontage": ("street frontage", "devanture sur rue"),
        "mall_concourse": ("mall concourse", "mail du centre commercial"),
    },
    "view": {"overhead": ("overhead", "zénithal"), "angled": ("angled", "plongeant"),
             "eye_level": ("eye level", "à hauteur de visage")},
    "viewer": {
        "security": ("security", "sécurité"), "management": ("management", "direction"), "dpo": ("DPO", "DPO"),
        "store_staff": ("store staff", "personnel du magasin"), "all_staff": ("all staff", "tout le personnel"),
        "vendor": ("vendor", "prestataire"), "police": ("police", "police"), "public": ("public", "public"),
    },
    "purpose": {
        "theft_prevention": ("theft prevention", "prévention des vols"),
        "assault_prevention": ("assault prevention", "prévention des agressions"),
        "staff_protection": ("staff protection", "protection du personnel"),
        "fraud_prevention": ("fraud prevention", "prévention de la fraude"),
        "property_protection": ("property protection", "protection des biens"),
        "incident_investigation": ("incident investigation", "enquête sur incident"),
        "safety": ("safety", "sûreté"), "security": ("security", "sécurité"), "general": ("general", "générale"),
        "people_count": ("people counting", "comptage de personnes"), "occupancy": ("occupancy", "fréquentation"),
        "heatmap": ("heatmap", "carte de chaleur"),
        "anonymous_analytics": ("anonymous analytics", "statistiques anonymes"),
        "audience_measurement": ("audience measurement", "mesure d'audience"),
        "marketing": ("marketing", "marketing"), "customer_experience": ("customer experience", "expérience client"),
        "staff_performance": ("staff performance", "performance du personnel"), "payment": ("payment", "paiement"),
        "loyalty": ("loyalty", "fidélité"), "age_verification": ("age verification", "vérification de l'âge"),
        "health_screening": ("health screening", "dépistage sanitaire"),
        "dwell_time": ("dwell time", "temps de présence"), "attendance": ("attendance", "pointage"),
    },
    "technique": {
        "security_recording": ("security recording", "vidéoprotection"),
        "people_count": ("people counting", "comptage de personnes"), "heatmap": ("heatmap", "carte de chaleur"),
        "reid_tracking": ("re-identification tracking", "suivi par réidentification"),
        "demographic_age": ("age estimation", "estimation de l'âge"),
        "demographic_gender": ("gender estimation", "estimation du genre"),
        "demographic_ethnicity": ("ethnic-origin estimation", "estimation de l'origine ethnique"),
        "emotion": ("emotion analysis", "analyse des émotions"),
        "face_id_watchlist": ("face identification (watch list)", "identification faciale (liste de surveillance)"),
        "face_id_vip": ("face identification (VIP list)", "identification faciale (liste VIP)"),
        "face_verification_payment": ("face payment", "paiement par reconnaissance faciale"),
        "vital_signs_heart_rate": ("heart-rate sensing", "mesure du rythme cardiaque"),
        "body_temperature": ("body-temperature sensing", "mesure de la température corporelle"),
        "wifi_mac": ("WiFi MAC-address tracking", "suivi des adresses MAC WiFi"),
        "ble_beacon_app": ("Bluetooth beacons with an app", "balises Bluetooth avec application"),
        "mood_music": ("mood-adapted music", "musique adaptée à l'humeur"),
        "age_estimation_sale_control": ("age estimation for restricted sales",
                                        "estimation de l'âge pour les ventes réglementées"),
        "self_checkout_scan_check": ("self-checkout scan check", "contrôle des scans en caisse automatique"),
        "behaviour_detection": ("behaviour detection", "détection de comportements"),
        "attendance": ("time and attendance", "gestion des temps de présence"),
        "face_search": ("face search in recorded footage", "recherche d'un visage dans les enregistrements"),
    },
    "purpose_category": {
        "security": ("security", "sécurité"), "marketing": ("marketing", "marketing"),
        "analytics": ("analytics", "statistiques"), "staff_performance": ("staff performance", "performance du personnel"),
        "payment": ("payment", "paiement"), "loyalty": ("loyalty", "fidélité"),
        "store_operations": ("store operations", "exploitation du magasin"),
        "health_safety": ("health and safety", "santé et sécurité"),
        "legal_obligation": ("legal obligation", "obligation légale"),
    },
    "data_category": {
        "video_images": ("video images", "images vidéo"), "audio": ("audio", "son"),
        "face_templates": ("face templates", "gabarits faciaux"),
        "body_or_gait_templates": ("body or gait templates", "gabarits corporels ou de démarche"),
        "age_range": ("age range", "tranche d'âge"), "gender": ("gender", "genre"),
        "ethnic_origin": ("ethnic origin", "origine ethnique"), "emotions": ("emotions", "émotions"),
        "heart_rate": ("heart rate", "rythme cardiaque"), "body_temperature": ("body temperature", "température corporelle"),
        "device_identifiers": ("device identifiers", "identifiants d'appareils"),
        "location_trail": ("location trail", "historique de localisation"), "counts": ("counts", "comptages"),
        "dwell_times": ("dwell times", "temps de présence"), "app_user_id": ("app user id", "identifiant d'application"),
        "loyalty_id": ("loyalty id", "identifiant de fidélité"), "payment_data": ("payment data", "données de paiement"),
        "identity": ("identity", "identité"),
        "criminal_offence_data": ("criminal-offence data", "données d'infractions pénales"),
        "health_status": ("health status", "état de santé"),
        **_INFERRED_SPECIAL,
    },
    "subject": {
        "customers": ("customers", "clients"), "employees": ("employees", "salariés"), "minors": ("minors", "mineurs"),
        "general_public": ("the general public", "le public"),
        "passers_by": ("passers-by", "passants"), "loyalty_members": ("loyalty members", "membres du programme de fidélité"),
        "app_users": ("app users", "utilisateurs de l'application"), "contractors": ("contractors", "prestataires sur site"),
    },
    "special_category": {
        "biometric_identification": ("biometric data for identification", "données biométriques d'identification"),
        "health": ("health data", "données de santé"), "ethnic_origin": ("ethnic origin", "origine ethnique"),
        **_INFERRED_SPECIAL,
    },
    "offence_prediction": {
        "none": ("no offence-risk assessment", "aucune évaluation du risque d'infraction"),
        "profiling": ("risk of offending predicted from profiling", "risque d'infraction prédit par profilage"),
        "objective_facts": ("support to a human assessment based on objective facts",
                            "aide à une appréciation humaine fondée sur des faits objectifs"),
    },
    "advertising_placement": {
        "public_road": ("on or visible from the public road", "sur la voie publique ou visible depuis celle-ci"),
        "shop_window": ("in a shop window", "en vitrine"), "in_store": ("inside the store only", "à l'intérieur du magasin seulement"),
        "advertising_premises": ("premises mainly used for advertising", "local principalement utilisé comme support publicitaire"),
    },
    "consent": {
        "none": ("none", "aucun"), "signage": ("signage (\"by entering you agree\")", "panneau (« en entrant, vous acceptez »)"),
        "opt_in_app": ("opt-in in the app", "acceptation dans l'application"),
        "enrolment_kiosk": ("enrolment kiosk", "borne d'inscription"), "written": ("written", "écrit"),
        "os_permission_only": ("operating-system permission only", "autorisation du système d'exploitation seulement"),
    },
    "vendor_role": {
        "processor": ("processor", "sous-traitant"), "sub_processor": ("sub-processor", "sous-traitant ultérieur"),
        "joint_controller": ("joint controller", "responsable conjoint"),
        "controller": ("independent controller", "responsable indépendant"),
    },
    "mechanism": {
        "none": ("none", "aucun"), "adequacy": ("adequacy decision", "décision d'adéquation"),
        "scc": ("SCCs without a transfer impact assessment", "CCT sans analyse d'impact des transferts"),
        "scc_tia": ("SCCs with a transfer impact assessment", "CCT avec analyse d'impact des transferts"),
        "bcr": ("binding corporate rules", "règles d'entreprise contraignantes"), "derogation": ("derogation", "dérogation"),
    },
    "schedule": {"continuous": ("continuous", "en continu"), "opening_hours": ("opening hours", "heures d'ouverture"),
                 "after_hours": ("after hours", "hors heures d'ouverture")},
    "sign_field": {
        "controller": ("controller", "responsable"), "purposes": ("purposes", "finalités"), "rights": ("rights", "droits"),
        "legitimate_interest": ("legitimate interest", "intérêt légitime"), "dpo_contact": ("DPO contact", "contact du DPO"),
        "retention": ("retention", "durée de conservation"), "transfers": ("transfers", "transferts"),
        "second_layer_ref": ("link to the full notice", "renvoi à l'information complète"),
        "pictogram": ("pictogram", "pictogramme"), "responsible_phone": ("phone of the person in charge", "téléphone du responsable"),
        "ai_notice": ("AI notice", "mention IA"), "objection_route": ("how to object", "modalités d'opposition"),
    },
    "recipient": {
        "police": ("police", "police"), "insurer": ("insurer", "assureur"), "lawyer": ("lawyer", "avocat"),
        "vendor": ("vendor", "prestataire"), "other": ("other", "autre"),
    },
    "ai_type": {
        "emotion": ("emotion recognition", "reconnaissance des émotions"),
        "categorisation": ("biometric categorisation", "catégorisation biométrique"),
        "rbi": ("remote biometric identification", "identification biométrique à distance"),
        "verification": ("biometric verification", "vérification biométrique"),
        "identification_payment": ("identification for payment", "identification pour le paiement"),
        "none": ("—", "—"),
    },
    "store_type": {
        "supermarket": ("supermarket", "supermarché"), "hypermarket": ("hypermarket", "hypermarché"),
        "convenience": ("convenience store", "magasin de proximité"), "fashion": ("fashion", "habillement"),
        "electronics": ("electronics", "électronique"), "pharmacy": ("pharmacy", "pharmacie"),
        "jewellery": ("jewellery", "bijouterie"), "department_store": ("department store", "grand magasin"),
        "shopping_mall": ("shopping mall", "centre commercial"), "tobacconist": ("tobacconist", "bureau de tabac"),
        "specialist": ("specialist store", "magasin spécialisé"), "other": ("other", "autre"),
        "station": ("station", "gare"), "stadium": ("stadium", "stade"), "school": ("school", "établissement scolaire"),
        "hospital": ("hospital", "hôpital"), "office_building": ("office building", "immeuble de bureaux"),
        "online_service": ("online service", "service en ligne"),
    },
    "dori": {
        "none": ("below detection", "en deçà de la détection"), "detection": ("detection", "détection"),
        "observation": ("observation", "observation"), "recognition": ("recognition", "reconnaissance"),
        "identification": ("identification", "identification"),
    },
    "legal_basis": {
        "6(1)(a)": ("consent (Art 6(1)(a))", "consentement (art. 6(1)(a))"),
        "6(1)(b)": ("contract (Art 6(1)(b))", "contrat (art. 6(1)(b))"),
        "6(1)(c)": ("legal obligation (Art 6(1)(c))", "obligation légale (art. 6(1)(c))"),
        "6(1)(d)": ("vital interests (Art 6(1)(d))", "intérêts vitaux (art. 6(1)(d))"),
        "6(1)(e)": ("public task (Art 6(1)(e))", "mission d'intérêt public (art. 6(1)(e))"),
        "6(1)(f)": ("legitimate interest (Art 6(1)(f))", "intérêt légitime (art. 6(1)(f))"),
    },
    "measure": {
        "encryption_at_rest": ("Footage encrypted at rest", "Images chiffrées au repos"),
        "encryption_in_transit": ("Footage encrypted in transit", "Images chiffrées en transit"),
        "role_based": ("Role-based access to footage", "Accès aux images selon le rôle"),
        "logging": ("Access to footage is logged", "Accès aux images journalisés"),
        "mfa_remote": ("Multi-factor authentication for remote viewing", "Authentification multifacteur pour l'accès à distance"),
        "export_only_on_incident": ("Exports only on incident", "Extractions uniquement sur incident"),
        "access_requests": ("Written procedure for access requests", "Procédure écrite pour les demandes d'accès"),
        "freeze_on_request": ("Footage kept while a request is pending", "Images conservées pendant une demande en cours"),
        "disclosure_log": ("Every disclosure to third parties is logged", "Chaque communication à des tiers est consignée"),
        "incident_response": ("Incident-response procedure", "Procédure de gestion des incidents"),
        "patching": ("Recorders and cameras are patched", "Enregistreurs et caméras mis à jour"),
        "auto_delete": ("Automatic deletion at the end of retention ({n} camera(s))",
                        "Suppression automatique en fin de conservation ({n} caméra(s))"),
        "privacy_masking": ("Privacy masking on {n} camera(s)", "Masquage de zones sur {n} caméra(s)"),
        "signage": ("Information signage", "Panneaux d'information"),
        "dpo": ("A DPO is appointed", "Un DPO est désigné"),
        "ropa": ("The processing is in the record of processing activities", "Le traitement figure au registre des traitements"),
        "lia": ("A legitimate-interest assessment exists", "Une analyse de l'intérêt légitime existe"),
        "dpia": ("A DPIA was carried out earlier", "Une AIPD a déjà été réalisée"),
        "cse": ("Staff representatives were consulted", "Les représentants du personnel ont été consultés"),
        "employees_informed": ("Employees informed individually", "Salariés informés individuellement"),
    },
}

# Vocabularies the report does not list but rule messages print.
VOCAB.update({
    "output": {"aggregate": ("aggregate", "agrégé"), "individual": ("individual", "individuel")},
    "automated_action": {
        "none": ("none", "aucune"), "staff_alert": ("staff alert", "alerte du personnel"),
        "deny_entry": ("entry denied", "refus d'entrée"), "refuse_refund": ("refund refused", "refus de remboursement"),
        "targeted_ad": ("targeted advertising", "publicité ciblée"), "price": ("price", "prix"),
        "music": ("music", "musique"), "payment": ("payment", "paiement"),
    },
    "template_storage": {
        "none": ("none", "aucun"), "user_device": ("on the person's device", "sur l'appareil de la personne"),
        "central_user_key": ("central, key held by the person", "centralisé, clé détenue par la personne"),
        "central_controller": ("central, held by the controller", "centralisé, chez le responsable du traitement"),
        "vendor_cloud": ("vendor cloud", "cloud du prestataire"),
    },
    "processing_location": {
        "on_device": ("on the device", "sur l'équipement"), "on_premises": ("on premises", "dans le magasin"),
        "controller_cloud": ("controller's cloud", "cloud du responsable du traitement"),
        "vendor_cloud": ("vendor cloud", "cloud du prestataire"),
    },
    "watchlist_source": {
        "own_enrolment": ("self-enrolment", "inscription par la personne"),
        "staff_designation": ("designated by staff", "désignation par le personnel"),
        "cctv_extract": ("CCTV extracts", "extraits de vidéosurveillance"), "police": ("police", "police"),
        "other_retailers": ("other retailers", "autres commerçants"), "media": ("media", "médias"),
        "vendor_database": ("vendor database", "base du prestataire"),
        "court_order": ("court orders", "décisions de justice"),
        "scraped_images": ("images scraped from the internet", "images moissonnées sur internet"),
    },
    "art9_law_kind": {
        "union_law": ("Union law", "droit de l'Union"), "member_state_law": ("Member State law", "droit national"),
        "protocol": ("protocol", "protocole"), "guideline": ("guideline", "recommandation"),
        "contract": ("contract", "contrat"), "other": ("other", "autre"),
    },
    "sensor_kind": {
        "wifi_probe": ("WiFi probe sensor", "capteur WiFi"), "ble_beacon": ("Bluetooth beacon", "balise Bluetooth"),
        "ble_scanner": ("Bluetooth scanner", "capteur Bluetooth"), "thermal": ("thermal camera", "caméra thermique"),
        "counter_3d": ("3D people counter", "compteur 3D"), "microphone": ("microphone", "microphone"),
        "other": ("other sensor", "autre capteur"),
    },
    "coverage": {"zone": ("a single zone", "une zone"), "store": ("store-wide", "le magasin entier"),
                 "mall": ("mall-wide", "le centre commercial entier"), "chain": ("chain-wide", "toute l'enseigne")},
})

# Fact names (the last key of a path) whose values are one of the vocabularies above.
FIELD_VOCAB = {
    "zone": "zone", "camera_zones": "zone", "view": "view", "viewers": "viewer", "purposes": "purpose",
    "technique": "technique", "techniques": "technique", "purpose_category": "purpose_category",
    "data_categories": "data_category", "receives": "data_category", "subjects": "subject",
    "special_categories": "special_category", "role": "vendor_role", "transfer_mechanism": "mechanism",
    "schedule": "schedule", "fields": "sign_field", "recipients": "recipient", "aiact_type": "ai_type",
    "aiact_types": "ai_type", "type": "store_type", "dori_class": "dori", "legal_basis": "legal_basis",
    "output": "output", "automated_action": "automated_action", "template_storage": "template_storage",
    "processing_location": "processing_location", "coverage": "coverage",
    "offence_prediction": "offence_prediction", "advertising_placement": "advertising_placement",
    "sources": "watchlist_source", "art9_law_kind": "art9_law_kind", "kind": "sensor_kind",
}
# Where the last key alone is ambiguous, the last two keys decide.
PATH_VOCAB = {"consent.mechanism": "consent", "transfers.mechanism": "mechanism"}


def vocab_for_path(path: str) -> str | None:
    """The vocabulary of the value at a fact path such as `camera.zone` or `activity.consent.mechanism`."""
    parts = path.split(".")
    if len(parts) >= 2 and ".".join(parts[-2:]) in PATH_VOCAB:
        return PATH_VOCAB[".".join(parts[-2:])]
    return FIELD_VOCAB.get(parts[-1])


def term(vocabulary: str | None, value: Any, lang: str) -> str | None:
    """A vocabulary value in words in `lang`, or None when it is not a known value."""
    pair = VOCAB.get(vocabulary or "", {}).get(str(value))
    return None if pair is None else (pair[1] if lang == "fr" else pair[0])
