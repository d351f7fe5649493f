<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../dialogs/about.py" line="13"/>
        <source>About Store Camera Privacy Auditor</source>
        <translation>À propos de Store Camera Privacy Auditor</translation>
    </message>
    <message>
        <location filename="../dialogs/about.py" line="17"/>
        <source>Audits in-store camera deployments against GDPR, CNIL and EU AI Act rule packs. Not legal advice.</source>
        <translation>Audite les dispositifs de caméras en magasin au regard du RGPD, de la doctrine de la CNIL et du règlement européen sur l&apos;IA. Ne constitue pas un conseil juridique.</translation>
    </message>
</context>
<context>
    <name>FindingsModel</name>
    <message>
        <location filename="../findings_model.py" line="81"/>
        <source>Severity</source>
        <translation>Gravité</translation>
    </message>
    <message>
        <location filename="../findings_model.py" line="81"/>
        <source>Rule</source>
        <translation>Règle</translation>
    </message>
    <message>
        <location filename="../findings_model.py" line="81"/>
        <source>Pack</source>
        <translation>Référentiel</translation>
    </message>
    <message>
        <location filename="../findings_model.py" line="82"/>
        <source>Subject</source>
        <translation>Objet</translation>
    </message>
    <message>
        <location filename="../findings_model.py" line="82"/>
        <source>Title</source>
        <translation>Intitulé</translation>
    </message>
    <message>
        <location filename="../findings_model.py" line="82"/>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <location filename="../findings_model.py" line="87"/>
        <source>waived</source>
        <translation>dérogation</translation>
    </message>
    <message>
        <location filename="../findings_model.py" line="89"/>
        <source>question</source>
        <translation>question</translation>
    </message>
    <message>
        <location filename="../findings_model.py" line="90"/>
        <source>open</source>
        <translation>ouverte</translation>
    </message>
    <message>
        <location filename="../findings_model.py" line="93"/>
        <source>blocker</source>
        <translation>bloquant</translation>
    </message>
    <message>
        <location filename="../findings_model.py" line="93"/>
        <source>major</source>
        <translation>majeur</translation>
    </message>
    <message>
        <location filename="../findings_model.py" line="94"/>
        <source>minor</source>
        <translation>mineur</translation>
    </message>
    <message>
        <location filename="../findings_model.py" line="94"/>
        <source>info</source>
        <translation>info</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../main_window.py" line="403"/>
        <source>&amp;New project</source>
        <translation>&amp;Nouveau projet</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="404"/>
        <source>&amp;Open project…</source>
        <translation>&amp;Ouvrir un projet…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="405"/>
        <source>&amp;Save project</source>
        <translation>&amp;Enregistrer le projet</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="406"/>
        <source>Save project &amp;as…</source>
        <translation>Enregistrer le projet &amp;sous…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="407"/>
        <source>&amp;Import deployment config…</source>
        <translation>&amp;Importer une configuration…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="408"/>
        <source>Add &amp;footage…</source>
        <translation>Ajouter des vi&amp;déos…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="409"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="410"/>
        <source>&amp;Run audit</source>
        <translation>&amp;Lancer l&apos;audit</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="411"/>
        <source>&amp;Cancel</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="412"/>
        <source>Re&amp;view evidence…</source>
        <translation>&amp;Vérifier les images probantes…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="413"/>
        <source>&amp;Waive selected finding…</source>
        <translation>Accorder une &amp;dérogation au constat…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="414"/>
        <source>&amp;Export DPIA report (PDF)…</source>
        <translation>&amp;Exporter le rapport d&apos;AIPD (PDF)…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="415"/>
        <source>Export &amp;JSON and SARIF…</source>
        <translation>Exporter en &amp;JSON et SARIF…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="416"/>
        <source>Reveal &amp;faces in the viewer (this session only)</source>
        <translation>A&amp;fficher les visages dans la visionneuse (cette session uniquement)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="426"/>
        <source>&amp;About</source>
        <translation>À &amp;propos</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="427"/>
        <source>&amp;Start page</source>
        <translation>Page d&apos;a&amp;ccueil</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="439"/>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="440"/>
        <source>Open &amp;recent</source>
        <translation>Projets &amp;récents</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="441"/>
        <source>Open &amp;example</source>
        <translation>Ouvrir un e&amp;xemple</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="447"/>
        <source>&amp;Audit</source>
        <translation>&amp;Audit</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="448"/>
        <source>&amp;View</source>
        <translation>Affic&amp;hage</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="449"/>
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="450"/>
        <source>&amp;Help</source>
        <translation>Ai&amp;de</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="419"/>
        <location filename="../main_window.py" line="463"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="417"/>
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="417"/>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="418"/>
        <source>Config</source>
        <translation>Configuration</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="418"/>
        <source>Footage</source>
        <translation>Vidéos</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="419"/>
        <source>Run</source>
        <translation>Lancer</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="420"/>
        <source>Review</source>
        <translation>Vérifier</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="420"/>
        <source>Export PDF</source>
        <translation>Exporter le PDF</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="451"/>
        <source>&amp;Cameras</source>
        <translation>&amp;Caméras</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="454"/>
        <source>e.g. A. Durand, DPO</source>
        <translation>p. ex. A. Durand, DPO</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="455"/>
        <source>Footage of the selected camera</source>
        <translation>Vidéos de la caméra sélectionnée</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="456"/>
        <source>Add…</source>
        <translation>Ajouter…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="457"/>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="453"/>
        <source>Assessor (&amp;name and role, shown on the report)</source>
        <translation>Évaluateur (&amp;nom et fonction, repris dans le rapport)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="428"/>
        <source>Re-run the r&amp;ules with the answers</source>
        <translation>Relancer les règles avec les ré&amp;ponses</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="429"/>
        <source>Export the a&amp;nswers file…</source>
        <translation>Exporter le fichier des réponses (&amp;YAML)…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="430"/>
        <source>Export a redacted cop&amp;y of the selected clip…</source>
        <translation>Exporter une cop&amp;ie masquée de la vidéo sélectionnée…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="431"/>
        <source>Export in &amp;other formats</source>
        <translation>Exporter dans d&apos;autres f&amp;ormats</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="432"/>
        <source>DPIA report as &amp;Word (DOCX)…</source>
        <translation>Rapport d&apos;AIPD au format &amp;Word (DOCX)…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="433"/>
        <source>DPIA report as &amp;OpenDocument (ODT)…</source>
        <translation>Rapport d&apos;AIPD au format &amp;OpenDocument (ODT)…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="434"/>
        <source>CNIL &amp;PIA software file (JSON)…</source>
        <translation>Fichier pour le logiciel &amp;PIA de la CNIL (JSON)…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="435"/>
        <source>&amp;Action plan (spreadsheet)…</source>
        <translation>Plan d&apos;&amp;action (tableur)…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="458"/>
        <source>&amp;Overview</source>
        <translation>&amp;Synthèse</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="458"/>
        <source>F&amp;indings</source>
        <translation>C&amp;onstats</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="459"/>
        <source>&amp;Questions</source>
        <translation>&amp;Questions</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="459"/>
        <source>Repor&amp;t preview</source>
        <translation>Aperçu du rappor&amp;t</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="460"/>
        <source>Fra&amp;me</source>
        <translation>&amp;Image</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="460"/>
        <source>DPIA c&amp;riteria</source>
        <translation>C&amp;ritères AIPD</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="461"/>
        <source>&amp;Problems</source>
        <translation>Pro&amp;blèmes</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="461"/>
        <source>Audit lo&amp;g</source>
        <translation>&amp;Journal d&apos;audit</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="464"/>
        <source>Waive this finding…</source>
        <translation>Accorder une dérogation…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="465"/>
        <source>Search rule, subject, title or message</source>
        <translation>Rechercher une règle, un objet, un intitulé ou un message</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="473"/>
        <source>#</source>
        <translation>n°</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="473"/>
        <source>Criterion</source>
        <translation>Critère</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="473"/>
        <location filename="../main_window.py" line="866"/>
        <source>Why</source>
        <translation>Pourquoi</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="480"/>
        <source>Untitled audit</source>
        <translation>Audit sans titre</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="481"/>
        <source>Store Camera Privacy Auditor</source>
        <translation>Auditeur de confidentialité des caméras en magasin</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="500"/>
        <location filename="../main_window.py" line="503"/>
        <source>Cannot open the audit project</source>
        <translation>Impossible d&apos;ouvrir le projet d&apos;audit</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="517"/>
        <source>Inputs changed since the project was saved</source>
        <translation>Des fichiers d&apos;entrée ont changé depuis l&apos;enregistrement du projet</translation>
    </message>
    <message numerus="yes">
        <location filename="../main_window.py" line="518"/>
        <source>%n input file(s) changed or went missing since this project was saved. The saved findings and the evidence review no longer apply: check the files, then run the audit again.</source>
        <translation>
            <numerusform>%n fichier d&apos;entrée a changé ou a disparu depuis l&apos;enregistrement de ce projet. Les constats enregistrés et la vérification des images ne s&apos;appliquent plus : vérifiez les fichiers, puis relancez l&apos;audit.</numerusform>
            <numerusform>%n fichiers d&apos;entrée ont changé ou ont disparu depuis l&apos;enregistrement de ce projet. Les constats enregistrés et la vérification des images ne s&apos;appliquent plus : vérifiez les fichiers, puis relancez l&apos;audit.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../main_window.py" line="523"/>
        <source>The saved audit could not be used</source>
        <translation>L&apos;audit enregistré n&apos;a pas pu être utilisé</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="524"/>
        <source>The project&apos;s saved findings could not be read; run the audit again.</source>
        <translation>Les constats enregistrés du projet n&apos;ont pas pu être lus ; relancez l&apos;audit.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="530"/>
        <source>Preparing previews…</source>
        <translation>Préparation des aperçus…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="531"/>
        <source>The previews could not be prepared</source>
        <translation>Les aperçus n&apos;ont pas pu être préparés</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="543"/>
        <source>Answers that match nothing in this audit</source>
        <translation>Des réponses ne correspondent à rien dans cet audit</translation>
    </message>
    <message numerus="yes">
        <location filename="../main_window.py" line="544"/>
        <source>%n answer(s) in the project name a rule or subject this audit does not evaluate; re-running the rules will refuse them until they are withdrawn.</source>
        <translation>
            <numerusform>%n réponse du projet désigne une règle ou un objet que cet audit n&apos;évalue pas ; la relance des règles la refusera tant qu&apos;elle n&apos;est pas retirée.</numerusform>
            <numerusform>%n réponses du projet désignent une règle ou un objet que cet audit n&apos;évalue pas ; la relance des règles les refusera tant qu&apos;elles ne sont pas retirées.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../main_window.py" line="550"/>
        <source>content changed (SHA-256 differs)</source>
        <translation>contenu modifié (SHA-256 différent)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="552"/>
        <source>missing</source>
        <translation>absent</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="562"/>
        <source>Cannot save the audit project</source>
        <translation>Impossible d&apos;enregistrer le projet d&apos;audit</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="586"/>
        <source>The deployment config has errors</source>
        <translation>La configuration du dispositif contient des erreurs</translation>
    </message>
    <message numerus="yes">
        <location filename="../main_window.py" line="587"/>
        <source>%n problem(s) found. Details are in the Problems tab.</source>
        <translation>
            <numerusform>%n problème détecté. Le détail figure dans l&apos;onglet Problèmes.</numerusform>
            <numerusform>%n problèmes détectés. Le détail figure dans l&apos;onglet Problèmes.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../main_window.py" line="622"/>
        <source>%n clip(s) added to camera %1; run the audit (F5) to analyse them.</source>
        <translation>
            <numerusform>%n vidéo ajoutée à la caméra %1 ; lancez l&apos;audit (F5) pour l&apos;analyser.</numerusform>
            <numerusform>%n vidéos ajoutées à la caméra %1 ; lancez l&apos;audit (F5) pour les analyser.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../main_window.py" line="625"/>
        <source>Not added: %1.</source>
        <translation>Non ajouté : %1.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="637"/>
        <source>Removed %1 from camera %2.</source>
        <translation>%1 retiré de la caméra %2.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="666"/>
        <source>Added to the project; SHA-256 %1</source>
        <translation>Ajouté au projet ; SHA-256 %1</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="673"/>
        <source>%1 (declared in the config)</source>
        <translation>%1 (déclaré dans la configuration)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="678"/>
        <source>No footage: add a clip or a still.</source>
        <translation>Aucune vidéo : ajoutez une vidéo ou une image.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="692"/>
        <location filename="../main_window.py" line="1518"/>
        <location filename="../main_window.py" line="1561"/>
        <source>The answers cannot be used</source>
        <translation>Les réponses ne peuvent pas être utilisées</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="695"/>
        <source>Running the audit…</source>
        <translation>Audit en cours…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="700"/>
        <source>Cancelling…</source>
        <translation>Annulation…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="769"/>
        <source>Audit finished: %1 findings.</source>
        <translation>Audit terminé : %1 constats.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="708"/>
        <source>The audit failed</source>
        <translation>L&apos;audit a échoué</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="788"/>
        <source>Cancelled; nothing was changed.</source>
        <translation>Annulé ; rien n&apos;a été modifié.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="821"/>
        <source>All packs</source>
        <translation>Tous les référentiels</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="822"/>
        <source>All subjects</source>
        <translation>Tous les objets</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="824"/>
        <source>Waived and not waived</source>
        <translation>Avec et sans dérogation</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="824"/>
        <source>Not waived</source>
        <translation>Sans dérogation</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="825"/>
        <source>Waived only</source>
        <translation>Avec dérogation seulement</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="865"/>
        <source>Select a finding to see its details.</source>
        <translation>Sélectionnez un constat pour en voir le détail.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="865"/>
        <source>question for the assessor</source>
        <translation>question pour l&apos;évaluateur</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="866"/>
        <source>What to do</source>
        <translation>Que faire</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="866"/>
        <source>Legal references</source>
        <translation>Références juridiques</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="867"/>
        <source>Evidence</source>
        <translation>Éléments probants</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="867"/>
        <source>Waiver</source>
        <translation>Dérogation</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="867"/>
        <source>Approved by</source>
        <translation>Approuvée par</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="868"/>
        <source>expires</source>
        <translation>expire le</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="890"/>
        <source>No deployment config loaded. Use File ▸ Import, drop a YAML file here, or open an example.</source>
        <translation>Aucune configuration chargée. Utilisez Fichier ▸ Importer, déposez un fichier YAML ici ou ouvrez un exemple.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="899"/>
        <source>Not waived: %1 blocker, %2 major, %3 minor, %4 info. Waived: %5.</source>
        <translation>Sans dérogation : %1 bloquant, %2 majeur, %3 mineur, %4 info. Avec dérogation : %5.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="904"/>
        <source>Run the audit (F5) to see findings.</source>
        <translation>Lancez l&apos;audit (F5) pour voir les constats.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="925"/>
        <source>DORI: %1</source>
        <translation>DORI : %1</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="925"/>
        <source>no footage analysed</source>
        <translation>aucune vidéo analysée</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="967"/>
        <source>No camera selected.</source>
        <translation>Aucune caméra sélectionnée.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="974"/>
        <source>No evidence frame for this camera yet: add footage and run the audit.</source>
        <translation>Pas encore d&apos;image probante pour cette caméra : ajoutez des séquences et lancez l&apos;audit.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="986"/>
        <source>Preparing the redacted frame…</source>
        <translation>Préparation de l&apos;image masquée…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="989"/>
        <source>The frame could not be read.</source>
        <translation>L&apos;image n&apos;a pas pu être lue.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="992"/>
        <source>faces revealed (this session only)</source>
        <translation>visages affichés (pour cette session uniquement)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="992"/>
        <source>redacted</source>
        <translation>floutée</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="994"/>
        <source>%1 — frame %2 (%3): %4 face(s) masked; %5.</source>
        <translation>%1 — image %2 (%3) : %4 visage(s) masqué(s) ; %5.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1014"/>
        <source>Run the audit to see which WP248 criteria are met.</source>
        <translation>Lancez l&apos;audit pour voir quels critères WP248 sont remplis.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1017"/>
        <source>A DPIA is required.</source>
        <translation>Une AIPD est obligatoire.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1017"/>
        <source>No DPIA requirement was derived.</source>
        <translation>Aucune obligation d&apos;AIPD n&apos;a été déduite.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1018"/>
        <source>%1 of 9 WP248 criteria met.</source>
        <translation>%1 critère(s) WP248 sur 9 rempli(s).</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1034"/>
        <source>Review the evidence frames first.</source>
        <translation>Vérifiez d&apos;abord les images probantes.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1099"/>
        <source>Export the DPIA report</source>
        <translation>Exporter le rapport d&apos;AIPD</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1119"/>
        <source>Preview ready: %1 page(s).</source>
        <translation>Aperçu prêt : %1 page(s).</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1123"/>
        <source>Building the report preview…</source>
        <translation>Préparation de l&apos;aperçu du rapport…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1124"/>
        <source>The report preview could not be built</source>
        <translation>L&apos;aperçu du rapport n&apos;a pas pu être préparé</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1140"/>
        <source>The PDF report could not be written</source>
        <translation>Le rapport PDF n&apos;a pas pu être écrit</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1147"/>
        <source>Report written to %1</source>
        <translation>Rapport enregistré dans %1</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1184"/>
        <source>Export</source>
        <translation>Exporter</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1216"/>
        <source>Writing %1…</source>
        <translation>Écriture de %1…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1217"/>
        <source>%1 could not be written</source>
        <translation>%1 n&apos;a pas pu être écrit</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1230"/>
        <source>Export a redacted copy of %1</source>
        <translation>Exporter une copie masquée de %1</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1249"/>
        <source>Redacted copy written to %1: %2 frame(s), %3 mask(s).</source>
        <translation>Copie masquée écrite dans %1 : %2 image(s), %3 masque(s).</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1254"/>
        <source>Writing a redacted copy of %1…</source>
        <translation>Écriture d&apos;une copie masquée de %1…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1255"/>
        <source>The redacted copy of %1 could not be written</source>
        <translation>La copie masquée de %1 n&apos;a pas pu être écrite</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1527"/>
        <source>Re-running the rules with the answers…</source>
        <translation>Relance des règles avec les réponses…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1528"/>
        <source>Re-running the rules failed</source>
        <translation>La relance des règles a échoué</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1539"/>
        <source>Rules re-run: verdict %1; %2 question(s) still open.</source>
        <translation>Règles relancées : conclusion %1 ; %2 question(s) encore ouverte(s).</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1547"/>
        <source>Export the answers file</source>
        <translation>Exporter le fichier des réponses</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1549"/>
        <source>Answers files (*.yaml *.yml)</source>
        <translation>Fichiers de réponses (*.yaml *.yml)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1139"/>
        <source>Writing the PDF report…</source>
        <translation>Rédaction du rapport PDF…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1156"/>
        <source>Folder for findings.json and findings.sarif</source>
        <translation>Dossier pour findings.json et findings.sarif</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1133"/>
        <location filename="../main_window.py" line="1167"/>
        <location filename="../main_window.py" line="1564"/>
        <source>Cannot write the files</source>
        <translation>Impossible d&apos;écrire les fichiers</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1174"/>
        <location filename="../main_window.py" line="1213"/>
        <location filename="../main_window.py" line="1569"/>
        <source>Wrote %1</source>
        <translation>Fichiers écrits : %1</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1267"/>
        <source>No web browser could be opened; the address was copied to the clipboard: %1</source>
        <translation>Aucun navigateur n&apos;a pu être ouvert ; l&apos;adresse a été copiée dans le presse-papiers : %1</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1274"/>
        <source>Evidence reviewed: %1 frame(s) approved, %2 mask(s) added, %3 frame(s) dropped.</source>
        <translation>Images probantes vérifiées : %1 image(s) approuvée(s), %2 masque(s) ajouté(s), %3 image(s) retirée(s).</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1278"/>
        <source>Waiver recorded for %1 on %2, approved by %3, until %4.</source>
        <translation>Dérogation enregistrée pour %1 sur %2, approuvée par %3, jusqu&apos;au %4.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1282"/>
        <source>Exported %1: %2.</source>
        <translation>Export %1 : %2.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1284"/>
        <source>the finding applies</source>
        <translation>le constat s&apos;applique</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1285"/>
        <source>the finding does not apply</source>
        <translation>le constat ne s&apos;applique pas</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1288"/>
        <source>Answer recorded for %1 on %2: %3 (%4).</source>
        <translation>Réponse enregistrée pour %1 sur %2 : %3 (%4).</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1292"/>
        <source>Answer withdrawn for %1 on %2.</source>
        <translation>Réponse retirée pour %1 sur %2.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1295"/>
        <source>Unmasked frames shown in the viewer (nothing saved).</source>
        <translation>Images non masquées affichées dans la visionneuse (rien n&apos;est enregistré).</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1302"/>
        <source>Nothing recorded yet.</source>
        <translation>Rien n&apos;est encore consigné.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1310"/>
        <source>Reveal faces?</source>
        <translation>Afficher les visages ?</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1311"/>
        <source>Faces of real people will be shown unmasked in this window, for this session only. Nothing unmasked is ever saved. The reveal is recorded in the project&apos;s audit log. Continue?</source>
        <translation>Les visages de personnes réelles seront affichés sans masque dans cette fenêtre, pour cette session uniquement. Aucune image non masquée n&apos;est jamais enregistrée. L&apos;affichage est consigné dans le journal d&apos;audit du projet. Continuer ?</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1332"/>
        <source>Open an audit project</source>
        <translation>Ouvrir un projet d&apos;audit</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1333"/>
        <source>Audit projects (*.auditproj.yaml *.yaml)</source>
        <translation>Projets d&apos;audit (*.auditproj.yaml *.yaml)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1339"/>
        <source>Save the audit project</source>
        <translation>Enregistrer le projet d&apos;audit</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1341"/>
        <source>Audit projects (*.auditproj.yaml)</source>
        <translation>Projets d&apos;audit (*.auditproj.yaml)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1349"/>
        <source>Import a deployment config</source>
        <translation>Importer une configuration de dispositif</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1350"/>
        <source>Deployment configs (*.yaml *.yml)</source>
        <translation>Configurations de dispositif (*.yaml *.yml)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1361"/>
        <source>Footage for camera %1</source>
        <translation>Séquences de la caméra %1</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1232"/>
        <location filename="../main_window.py" line="1362"/>
        <source>Video and images (*.mp4 *.mkv *.avi *.mov *.jpg *.jpeg *.png)</source>
        <translation>Vidéos et images (*.mp4 *.mkv *.avi *.mov *.jpg *.jpeg *.png)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1409"/>
        <source>Unsaved changes</source>
        <translation>Modifications non enregistrées</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1409"/>
        <source>The audit project has unsaved changes. Discard them?</source>
        <translation>Le projet d&apos;audit contient des modifications non enregistrées. Les abandonner ?</translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <location filename="../overview.py" line="101"/>
        <source>Prohibited: cannot be made lawful as designed</source>
        <translation>Interdit : ne peut pas être rendu licite tel que conçu</translation>
    </message>
    <message>
        <location filename="../overview.py" line="102"/>
        <source>Unlawful until fixed: must not start or go on as it is</source>
        <translation>Illicite tant que non corrigé : ne doit ni démarrer ni se poursuivre en l&apos;état</translation>
    </message>
    <message>
        <location filename="../overview.py" line="103"/>
        <source>Lawful with conditions</source>
        <translation>Licite sous conditions</translation>
    </message>
    <message>
        <location filename="../overview.py" line="106"/>
        <source>blocker</source>
        <translation>bloquant</translation>
    </message>
    <message>
        <location filename="../overview.py" line="106"/>
        <source>major</source>
        <translation>majeur</translation>
    </message>
    <message>
        <location filename="../overview.py" line="107"/>
        <source>minor</source>
        <translation>mineur</translation>
    </message>
    <message>
        <location filename="../overview.py" line="107"/>
        <source>info</source>
        <translation>info</translation>
    </message>
    <message>
        <location filename="../overview.py" line="114"/>
        <source>No audit yet</source>
        <translation>Pas encore d&apos;audit</translation>
    </message>
    <message>
        <location filename="../overview.py" line="116"/>
        <source>Run the audit (F5) to see the verdict, the DPIA decision and what to do.</source>
        <translation>Lancez l&apos;audit (F5) pour voir la conclusion, la décision sur l&apos;AIPD et les actions à mener.</translation>
    </message>
    <message>
        <location filename="../overview.py" line="133"/>
        <source>%1 open question(s), %2 waived</source>
        <translation>%1 question(s) ouverte(s), %2 dérogé(s)</translation>
    </message>
    <message>
        <location filename="../overview.py" line="136"/>
        <source>Top actions</source>
        <translation>Actions prioritaires</translation>
    </message>
    <message>
        <location filename="../overview.py" line="138"/>
        <source>Risk map (before → after the measures)</source>
        <translation>Cartographie des risques (avant → après les mesures)</translation>
    </message>
    <message>
        <location filename="../overview.py" line="150"/>
        <source>The risk map could not be drawn; it is in the report.</source>
        <translation>La cartographie des risques n&apos;a pas pu être dessinée ; elle figure dans le rapport.</translation>
    </message>
    <message>
        <location filename="../overview.py" line="151"/>
        <source>Cameras</source>
        <translation>Caméras</translation>
    </message>
    <message>
        <location filename="../overview.py" line="153"/>
        <source>What the audit could not see</source>
        <translation>Ce que l&apos;audit n&apos;a pas pu voir</translation>
    </message>
    <message>
        <location filename="../overview.py" line="160"/>
        <source>No decided blocker. %1 major and %2 minor finding(s) remain to address.</source>
        <translation>Aucun point bloquant établi. %1 constat(s) majeur(s) et %2 mineur(s) restent à traiter.</translation>
    </message>
    <message>
        <location filename="../overview.py" line="166"/>
        <source>and %1 more.</source>
        <translation>et %1 autre(s).</translation>
    </message>
    <message>
        <location filename="../overview.py" line="167"/>
        <source>Because of:</source>
        <translation>En raison de :</translation>
    </message>
    <message>
        <location filename="../overview.py" line="174"/>
        <source>DPIA required.</source>
        <translation>AIPD obligatoire.</translation>
    </message>
    <message>
        <location filename="../overview.py" line="174"/>
        <source>No DPIA requirement derived.</source>
        <translation>Aucune obligation d&apos;AIPD déduite.</translation>
    </message>
    <message>
        <location filename="../overview.py" line="175"/>
        <source>%1 of 9 WP248 criteria met</source>
        <translation>%1 critère(s) WP248 sur 9 rempli(s)</translation>
    </message>
    <message>
        <location filename="../overview.py" line="184"/>
        <source>GDPR Art 35(3)(%1) applies.</source>
        <translation>L&apos;article 35, paragraphe 3, point %1, du RGPD s&apos;applique.</translation>
    </message>
    <message>
        <location filename="../overview.py" line="193"/>
        <source>No action required by the rules.</source>
        <translation>Aucune action exigée par les règles.</translation>
    </message>
    <message>
        <location filename="../overview.py" line="205"/>
        <source>Camera %1: no footage analysed; its findings rest on the declared configuration.</source>
        <translation>Caméra %1 : aucune vidéo analysée ; ses constats reposent sur la configuration déclarée.</translation>
    </message>
    <message>
        <location filename="../overview.py" line="209"/>
        <source>Camera %1: %2 could not be read (%3).</source>
        <translation>Caméra %1 : %2 n&apos;a pas pu être lu (%3).</translation>
    </message>
    <message>
        <location filename="../overview.py" line="208"/>
        <source>Camera %1: %2 was only partly read (%3).</source>
        <translation>Caméra %1 : %2 n&apos;a pu être lu qu&apos;en partie (%3).</translation>
    </message>
    <message>
        <location filename="../overview.py" line="215"/>
        <source>%1 point(s) the rules could not decide: see the Questions tab.</source>
        <translation>%1 point(s) que les règles n&apos;ont pas pu trancher : voir l&apos;onglet Questions.</translation>
    </message>
    <message>
        <location filename="../overview.py" line="218"/>
        <source>Every camera&apos;s footage was analysed and every rule could decide.</source>
        <translation>Les vidéos de chaque caméra ont été analysées et chaque règle a pu trancher.</translation>
    </message>
    <message>
        <location filename="../overview.py" line="249"/>
        <source>DORI: %1</source>
        <translation>DORI : %1</translation>
    </message>
    <message>
        <location filename="../overview.py" line="251"/>
        <source>identification-grade faces: yes</source>
        <translation>visages de qualité identification : oui</translation>
    </message>
    <message>
        <location filename="../overview.py" line="252"/>
        <source>identification-grade faces: no</source>
        <translation>visages de qualité identification : non</translation>
    </message>
    <message>
        <location filename="../overview.py" line="257"/>
        <source>no footage analysed</source>
        <translation>aucune vidéo analysée</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <location filename="../preview.py" line="99"/>
        <source>&amp;Build preview</source>
        <translation>Constr&amp;uire l&apos;aperçu</translation>
    </message>
    <message>
        <location filename="../preview.py" line="100"/>
        <source>◀ Previous page</source>
        <translation>◀ Page précédente</translation>
    </message>
    <message>
        <location filename="../preview.py" line="101"/>
        <source>Next page ▶</source>
        <translation>Page suivante ▶</translation>
    </message>
    <message>
        <location filename="../preview.py" line="102"/>
        <source>Page Up</source>
        <translation>Page précédente (touche Page haut)</translation>
    </message>
    <message>
        <location filename="../preview.py" line="103"/>
        <source>Page Down</source>
        <translation>Page suivante (touche Page bas)</translation>
    </message>
    <message>
        <location filename="../preview.py" line="104"/>
        <source>&amp;Zoom</source>
        <translation>&amp;Zoom</translation>
    </message>
    <message>
        <location filename="../preview.py" line="105"/>
        <source>E&amp;xport this report…</source>
        <translation>E&amp;xporter ce rapport…</translation>
    </message>
    <message>
        <location filename="../preview.py" line="123"/>
        <source>Build the preview to see the report as it will be exported.</source>
        <translation>Construisez l&apos;aperçu pour voir le rapport tel qu&apos;il sera exporté.</translation>
    </message>
    <message>
        <location filename="../preview.py" line="136"/>
        <source>of %1</source>
        <translation>sur %1</translation>
    </message>
</context>
<context>
    <name>QuestionsPage</name>
    <message>
        <location filename="../questions.py" line="128"/>
        <source>The rules could not decide these points from the facts. Answer each one: whether the rule&apos;s finding applies, why, who answered and when. Answers are saved in the project; re-run the rules to turn them into decided findings.</source>
        <translation>Les règles n&apos;ont pas pu trancher ces points à partir des faits. Répondez à chacun : le constat de la règle s&apos;applique-t-il, pourquoi, qui a répondu et quand. Les réponses sont enregistrées dans le projet ; relancez les règles pour en faire des constats tranchés.</translation>
    </message>
    <message>
        <location filename="../questions.py" line="131"/>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <location filename="../questions.py" line="131"/>
        <source>Question</source>
        <translation>Question</translation>
    </message>
    <message>
        <location filename="../questions.py" line="131"/>
        <source>Subject</source>
        <translation>Objet</translation>
    </message>
    <message>
        <location filename="../questions.py" line="132"/>
        <source>&amp;Yes, the finding applies</source>
        <translation>O&amp;ui, le constat s&apos;applique</translation>
    </message>
    <message>
        <location filename="../questions.py" line="133"/>
        <source>No, it does not app&amp;ly</source>
        <translation>Non, il ne s&apos;app&amp;lique pas</translation>
    </message>
    <message>
        <location filename="../questions.py" line="134"/>
        <source>The value is &amp;known:</source>
        <translation>Je connais la valeur du fait &amp;manquant :</translation>
    </message>
    <message>
        <location filename="../questions.py" line="135"/>
        <source>Give the value of the fact the configuration does not declare; the rule is then evaluated with it and decides.</source>
        <translation>Donnez la valeur du fait que la configuration ne déclare pas ; la règle est alors évaluée avec cette valeur et décide.</translation>
    </message>
    <message>
        <location filename="../questions.py" line="137"/>
        <source>Answer</source>
        <translation>Réponse</translation>
    </message>
    <message>
        <location filename="../questions.py" line="138"/>
        <source>Not&amp;e (the evidence)</source>
        <translation>Not&amp;e (les éléments à l&apos;appui)</translation>
    </message>
    <message>
        <location filename="../questions.py" line="139"/>
        <source>Answered &amp;by</source>
        <translation>Ré&amp;ponse de</translation>
    </message>
    <message>
        <location filename="../questions.py" line="140"/>
        <source>Answered on (&amp;date)</source>
        <translation>Répondu le (date)</translation>
    </message>
    <message>
        <location filename="../questions.py" line="141"/>
        <source>&amp;Save answer</source>
        <translation>Enre&amp;gistrer la réponse</translation>
    </message>
    <message>
        <location filename="../questions.py" line="142"/>
        <source>&amp;Withdraw answer</source>
        <translation>Ré&amp;voquer la réponse</translation>
    </message>
    <message>
        <location filename="../questions.py" line="143"/>
        <source>Re-run the r&amp;ules (F6)</source>
        <translation>Relancer les règles (F6)</translation>
    </message>
    <message>
        <location filename="../questions.py" line="144"/>
        <source>E&amp;xport answers file…</source>
        <translation>E&amp;xporter le fichier des réponses…</translation>
    </message>
    <message>
        <location filename="../questions.py" line="173"/>
        <source>answered, not yet applied</source>
        <translation>répondu, pas encore appliqué</translation>
    </message>
    <message>
        <location filename="../questions.py" line="175"/>
        <source>open</source>
        <translation>ouverte</translation>
    </message>
    <message>
        <location filename="../questions.py" line="177"/>
        <source>value given, still open</source>
        <translation>valeur donnée, encore ouverte</translation>
    </message>
    <message>
        <location filename="../questions.py" line="178"/>
        <source>value given: the rule decided</source>
        <translation>valeur donnée : la règle a décidé</translation>
    </message>
    <message>
        <location filename="../questions.py" line="179"/>
        <source>answered: applies</source>
        <translation>répondu : s&apos;applique</translation>
    </message>
    <message>
        <location filename="../questions.py" line="179"/>
        <source>answered: does not apply</source>
        <translation>répondu : ne s&apos;applique pas</translation>
    </message>
    <message>
        <location filename="../questions.py" line="183"/>
        <source>%1 open, %2 answered, %3 waiting for a re-run.</source>
        <translation>%1 ouverte(s), %2 répondue(s), %3 en attente de relance.</translation>
    </message>
    <message>
        <location filename="../questions.py" line="199"/>
        <source>No question is left to the assessor.</source>
        <translation>Aucune question n&apos;est laissée à l&apos;évaluateur.</translation>
    </message>
    <message>
        <location filename="../questions.py" line="215"/>
        <source>Legal references</source>
        <translation>Références juridiques</translation>
    </message>
    <message>
        <location filename="../questions.py" line="240"/>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <location filename="../questions.py" line="240"/>
        <source>no</source>
        <translation>non</translation>
    </message>
    <message>
        <location filename="../questions.py" line="250"/>
        <source>yes or no</source>
        <translation>oui ou non</translation>
    </message>
    <message>
        <location filename="../questions.py" line="250"/>
        <source>a number</source>
        <translation>un nombre</translation>
    </message>
    <message>
        <location filename="../questions.py" line="251"/>
        <source>a text</source>
        <translation>un texte</translation>
    </message>
    <message>
        <location filename="../questions.py" line="251"/>
        <source>values separated by commas</source>
        <translation>des valeurs séparées par des virgules</translation>
    </message>
    <message>
        <location filename="../questions.py" line="252"/>
        <source>This question asks for a decision, not a value.</source>
        <translation>Cette question appelle une décision, pas une valeur.</translation>
    </message>
    <message>
        <location filename="../questions.py" line="254"/>
        <source>allowed: %1</source>
        <translation>valeurs admises : %1</translation>
    </message>
    <message>
        <location filename="../questions.py" line="264"/>
        <source>Type the value.</source>
        <translation>Saisissez la valeur.</translation>
    </message>
    <message>
        <location filename="../questions.py" line="264"/>
        <source>Type yes or no.</source>
        <translation>Saisissez oui ou non.</translation>
    </message>
    <message>
        <location filename="../questions.py" line="265"/>
        <source>Type a number.</source>
        <translation>Saisissez un nombre.</translation>
    </message>
    <message>
        <location filename="../questions.py" line="266"/>
        <source>Use only the allowed values: %1.</source>
        <translation>N&apos;utilisez que les valeurs admises : %1.</translation>
    </message>
</context>
<context>
    <name>ReviewDialog</name>
    <message>
        <location filename="../dialogs/review.py" line="40"/>
        <source>Review the evidence frames</source>
        <translation>Vérifier les images probantes</translation>
    </message>
    <message>
        <location filename="../dialogs/review.py" line="43"/>
        <source>Every face must be masked. Drag a box over any face that is not masked; drop a frame you do not want in the report; approve when all are checked.</source>
        <translation>Chaque visage doit être masqué. Tracez un cadre sur tout visage non masqué ; écartez une image que vous ne voulez pas dans le rapport ; approuvez quand toutes sont vérifiées.</translation>
    </message>
    <message>
        <location filename="../dialogs/review.py" line="51"/>
        <source>◀ Previous</source>
        <translation>◀ Précédente</translation>
    </message>
    <message>
        <location filename="../dialogs/review.py" line="52"/>
        <source>Next ▶</source>
        <translation>Suivante ▶</translation>
    </message>
    <message>
        <location filename="../dialogs/review.py" line="53"/>
        <source>Drop this frame</source>
        <translation>Écarter cette image</translation>
    </message>
    <message>
        <location filename="../dialogs/review.py" line="62"/>
        <source>Approve all frames</source>
        <translation>Approuver toutes les images</translation>
    </message>
    <message>
        <location filename="../dialogs/review.py" line="76"/>
        <source>This audit has no evidence frame: nothing to review.</source>
        <translation>Cet audit ne comporte aucune image probante : rien à vérifier.</translation>
    </message>
    <message>
        <location filename="../dialogs/review.py" line="87"/>
        <source>The frame could not be read; drop it.</source>
        <translation>L&apos;image n&apos;a pas pu être lue ; écartez-la.</translation>
    </message>
    <message>
        <location filename="../dialogs/review.py" line="92"/>
        <source>Frame %1 of %2 — camera %3, frame %4 (%6): %5 face(s) masked.</source>
        <translation>Image %1 sur %2 — caméra %3, image n° %4 (%6) : %5 visage(s) masqué(s).</translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <location filename="../start_page.py" line="87"/>
        <source>Store Camera Privacy Auditor</source>
        <translation>Auditeur de confidentialité des caméras en magasin</translation>
    </message>
    <message>
        <location filename="../start_page.py" line="88"/>
        <source>Audit an in-store camera deployment against the GDPR, national rules and the EU AI Act: findings with their legal basis, the verdict, the questions the law leaves to you, and a DPIA report to sign.</source>
        <translation>Auditez un dispositif de caméras en magasin au regard du RGPD, des règles nationales et du règlement européen sur l&apos;IA : constats et leur base juridique, conclusion, questions que le droit vous laisse, et un rapport d&apos;AIPD à signer.</translation>
    </message>
    <message>
        <location filename="../start_page.py" line="91"/>
        <source>&amp;Back to the current audit</source>
        <translation>Re&amp;venir à l&apos;audit en cours</translation>
    </message>
    <message>
        <location filename="../start_page.py" line="92"/>
        <source>New audit</source>
        <translation>Nouvel audit</translation>
    </message>
    <message>
        <location filename="../start_page.py" line="93"/>
        <source>Start from a &amp;deployment file…</source>
        <translation>Partir d&apos;un fichier de d&amp;ispositif…</translation>
    </message>
    <message>
        <location filename="../start_page.py" line="94"/>
        <source>Or start from an e&amp;xample:</source>
        <translation>Ou partir d&apos;un e&amp;xemple :</translation>
    </message>
    <message>
        <location filename="../start_page.py" line="95"/>
        <source>Start from &amp;this example</source>
        <translation>Partir de ce&amp;t exemple</translation>
    </message>
    <message>
        <location filename="../start_page.py" line="96"/>
        <source>Audit projects</source>
        <translation>Projets d&apos;audit</translation>
    </message>
    <message>
        <location filename="../start_page.py" line="97"/>
        <source>Open a &amp;project…</source>
        <translation>Ouvrir un &amp;projet…</translation>
    </message>
    <message>
        <location filename="../start_page.py" line="98"/>
        <source>&amp;Recent projects:</source>
        <translation>Projets &amp;récents :</translation>
    </message>
    <message>
        <location filename="../start_page.py" line="99"/>
        <source>You can also drop a deployment file (.yaml) or a project on this window.</source>
        <translation>Vous pouvez aussi déposer un fichier de dispositif (.yaml) ou un projet sur cette fenêtre.</translation>
    </message>
    <message>
        <location filename="../start_page.py" line="124"/>
        <source>No recent project.</source>
        <translation>Aucun projet récent.</translation>
    </message>
</context>
<context>
    <name>WaiverDialog</name>
    <message>
        <location filename="../dialogs/waiver.py" line="19"/>
        <source>Waive a finding</source>
        <translation>Accorder une dérogation</translation>
    </message>
    <message>
        <location filename="../dialogs/waiver.py" line="25"/>
        <source>Why this finding is accepted (shown in every report)</source>
        <translation>Pourquoi ce constat est accepté (figure dans chaque rapport)</translation>
    </message>
    <message>
        <location filename="../dialogs/waiver.py" line="27"/>
        <source>Name and role of the person who approves</source>
        <translation>Nom et fonction de la personne qui approuve</translation>
    </message>
    <message>
        <location filename="../dialogs/waiver.py" line="34"/>
        <source>Justification</source>
        <translation>Justification</translation>
    </message>
    <message>
        <location filename="../dialogs/waiver.py" line="35"/>
        <source>Approver</source>
        <translation>Approbateur</translation>
    </message>
    <message>
        <location filename="../dialogs/waiver.py" line="36"/>
        <source>Expires on</source>
        <translation>Expire le</translation>
    </message>
</context>
</TS>
