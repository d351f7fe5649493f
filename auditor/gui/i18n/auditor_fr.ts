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
        <location filename="../findings_model.py" line="61"/>
        <source>Severity</source>
        <translation>Gravité</translation>
    </message>
    <message>
        <location filename="../findings_model.py" line="61"/>
        <source>Rule</source>
        <translation>Règle</translation>
    </message>
    <message>
        <location filename="../findings_model.py" line="61"/>
        <source>Pack</source>
        <translation>Référentiel</translation>
    </message>
    <message>
        <location filename="../findings_model.py" line="62"/>
        <source>Subject</source>
        <translation>Objet</translation>
    </message>
    <message>
        <location filename="../findings_model.py" line="62"/>
        <source>Title</source>
        <translation>Intitulé</translation>
    </message>
    <message>
        <location filename="../findings_model.py" line="62"/>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <location filename="../findings_model.py" line="67"/>
        <source>waived</source>
        <translation>dérogation</translation>
    </message>
    <message>
        <location filename="../findings_model.py" line="69"/>
        <source>question</source>
        <translation>question</translation>
    </message>
    <message>
        <location filename="../findings_model.py" line="70"/>
        <source>open</source>
        <translation>ouvert</translation>
    </message>
    <message>
        <location filename="../findings_model.py" line="73"/>
        <source>blocker</source>
        <translation>bloquant</translation>
    </message>
    <message>
        <location filename="../findings_model.py" line="73"/>
        <source>major</source>
        <translation>majeur</translation>
    </message>
    <message>
        <location filename="../findings_model.py" line="74"/>
        <source>minor</source>
        <translation>mineur</translation>
    </message>
    <message>
        <location filename="../findings_model.py" line="74"/>
        <source>info</source>
        <translation>info</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../main_window.py" line="331"/>
        <source>&amp;New project</source>
        <translation>&amp;Nouveau projet</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="332"/>
        <source>&amp;Open project…</source>
        <translation>&amp;Ouvrir un projet…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="333"/>
        <source>&amp;Save project</source>
        <translation>&amp;Enregistrer le projet</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="334"/>
        <source>Save project &amp;as…</source>
        <translation>Enregistrer le projet &amp;sous…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="335"/>
        <source>&amp;Import deployment config…</source>
        <translation>&amp;Importer une configuration…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="336"/>
        <source>Add &amp;footage…</source>
        <translation>Ajouter des vi&amp;déos…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="337"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="338"/>
        <source>&amp;Run audit</source>
        <translation>&amp;Lancer l&apos;audit</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="339"/>
        <source>&amp;Cancel</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="340"/>
        <source>Re&amp;view evidence…</source>
        <translation>&amp;Vérifier les images probantes…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="341"/>
        <source>&amp;Waive selected finding…</source>
        <translation>Accorder une &amp;dérogation au constat…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="342"/>
        <source>&amp;Export DPIA report (PDF)…</source>
        <translation>&amp;Exporter le rapport d&apos;AIPD (PDF)…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="343"/>
        <source>Export &amp;JSON and SARIF…</source>
        <translation>Exporter en &amp;JSON et SARIF…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="344"/>
        <source>Reveal &amp;faces in the viewer (this session only)</source>
        <translation>A&amp;fficher les visages dans la visionneuse (cette session uniquement)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="354"/>
        <source>&amp;About</source>
        <translation>À &amp;propos</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="355"/>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="356"/>
        <source>Open &amp;recent</source>
        <translation>Projets &amp;récents</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="357"/>
        <source>Open &amp;example</source>
        <translation>Ouvrir un e&amp;xemple</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="358"/>
        <source>&amp;Audit</source>
        <translation>&amp;Audit</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="359"/>
        <source>&amp;View</source>
        <translation>Affic&amp;hage</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="360"/>
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="361"/>
        <source>&amp;Help</source>
        <translation>Ai&amp;de</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="369"/>
        <source>Findings</source>
        <translation>Constats</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="370"/>
        <source>Frame</source>
        <translation>Image</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="371"/>
        <source>DPIA criteria</source>
        <translation>Critères d&apos;AIPD</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="372"/>
        <source>Problems</source>
        <translation>Problèmes</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="347"/>
        <location filename="../main_window.py" line="374"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="345"/>
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="345"/>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="346"/>
        <source>Config</source>
        <translation>Configuration</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="346"/>
        <source>Footage</source>
        <translation>Vidéos</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="347"/>
        <source>Run</source>
        <translation>Lancer</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="348"/>
        <source>Review</source>
        <translation>Vérifier</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="348"/>
        <source>Export PDF</source>
        <translation>Exporter le PDF</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="362"/>
        <source>&amp;Cameras</source>
        <translation>&amp;Caméras</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="364"/>
        <source>Assess&amp;or (name and role, shown on the report)</source>
        <translation>Év&amp;aluateur (nom et fonction, repris dans le rapport)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="365"/>
        <source>e.g. A. Durand, DPO</source>
        <translation>p. ex. A. Durand, DPO</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="366"/>
        <source>Footage of the selected camera</source>
        <translation>Vidéos de la caméra sélectionnée</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="367"/>
        <source>Add…</source>
        <translation>Ajouter…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="368"/>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="373"/>
        <source>Audit log</source>
        <translation>Journal d&apos;audit</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="375"/>
        <source>Waive this finding…</source>
        <translation>Accorder une dérogation…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="376"/>
        <source>Search rule, subject, title or message</source>
        <translation>Rechercher une règle, un objet, un intitulé ou un message</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="384"/>
        <source>#</source>
        <translation>n°</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="384"/>
        <source>Criterion</source>
        <translation>Critère</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="384"/>
        <location filename="../main_window.py" line="722"/>
        <source>Why</source>
        <translation>Pourquoi</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="391"/>
        <source>Untitled audit</source>
        <translation>Audit sans titre</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="392"/>
        <source>Store Camera Privacy Auditor</source>
        <translation>Auditeur de confidentialité des caméras en magasin</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="411"/>
        <location filename="../main_window.py" line="414"/>
        <source>Cannot open the audit project</source>
        <translation>Impossible d&apos;ouvrir le projet d&apos;audit</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="428"/>
        <source>Inputs changed since the project was saved</source>
        <translation>Des fichiers d&apos;entrée ont changé depuis l&apos;enregistrement du projet</translation>
    </message>
    <message numerus="yes">
        <location filename="../main_window.py" line="429"/>
        <source>%n input file(s) changed or went missing since this project was saved. The saved findings and the evidence review no longer apply: check the files, then run the audit again.</source>
        <translation>
            <numerusform>%n fichier d&apos;entrée a changé ou a disparu depuis l&apos;enregistrement de ce projet. Les constats enregistrés et la vérification des images ne s&apos;appliquent plus : vérifiez les fichiers, puis relancez l&apos;audit.</numerusform>
            <numerusform>%n fichiers d&apos;entrée ont changé ou ont disparu depuis l&apos;enregistrement de ce projet. Les constats enregistrés et la vérification des images ne s&apos;appliquent plus : vérifiez les fichiers, puis relancez l&apos;audit.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../main_window.py" line="434"/>
        <source>The saved audit could not be used</source>
        <translation>L&apos;audit enregistré n&apos;a pas pu être utilisé</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="435"/>
        <source>The project&apos;s saved findings could not be read; run the audit again.</source>
        <translation>Les constats enregistrés du projet n&apos;ont pas pu être lus ; relancez l&apos;audit.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="440"/>
        <source>Preparing previews…</source>
        <translation>Préparation des aperçus…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="447"/>
        <source>content changed (SHA-256 differs)</source>
        <translation>contenu modifié (SHA-256 différent)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="449"/>
        <source>missing</source>
        <translation>absent</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="459"/>
        <source>Cannot save the audit project</source>
        <translation>Impossible d&apos;enregistrer le projet d&apos;audit</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="483"/>
        <source>The deployment config has errors</source>
        <translation>La configuration du dispositif contient des erreurs</translation>
    </message>
    <message numerus="yes">
        <location filename="../main_window.py" line="484"/>
        <source>%n problem(s) found. Details are in the Problems tab.</source>
        <translation>
            <numerusform>%n problème détecté. Le détail figure dans l&apos;onglet Problèmes.</numerusform>
            <numerusform>%n problèmes détectés. Le détail figure dans l&apos;onglet Problèmes.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../main_window.py" line="518"/>
        <source>%n clip(s) added to camera %1; run the audit (F5) to analyse them.</source>
        <translation>
            <numerusform>%n vidéo ajoutée à la caméra %1 ; lancez l&apos;audit (F5) pour l&apos;analyser.</numerusform>
            <numerusform>%n vidéos ajoutées à la caméra %1 ; lancez l&apos;audit (F5) pour les analyser.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../main_window.py" line="521"/>
        <source>Not added: %1.</source>
        <translation>Non ajouté : %1.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="533"/>
        <source>Removed %1 from camera %2.</source>
        <translation>%1 retiré de la caméra %2.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="562"/>
        <source>Added to the project; SHA-256 %1</source>
        <translation>Ajouté au projet ; SHA-256 %1</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="568"/>
        <source>%1 (declared in the config)</source>
        <translation>%1 (déclaré dans la configuration)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="572"/>
        <source>No footage: add a clip or a still.</source>
        <translation>Aucune vidéo : ajoutez une vidéo ou une image.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="584"/>
        <source>Running the audit…</source>
        <translation>Audit en cours…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="589"/>
        <source>Cancelling…</source>
        <translation>Annulation…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="633"/>
        <source>Audit finished: %1 findings.</source>
        <translation>Audit terminé : %1 constats.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="638"/>
        <source>The audit failed.</source>
        <translation>L&apos;audit a échoué.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="640"/>
        <source>The audit failed</source>
        <translation>L&apos;audit a échoué</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="645"/>
        <source>Cancelled; nothing was changed.</source>
        <translation>Annulé ; rien n&apos;a été modifié.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="677"/>
        <source>All packs</source>
        <translation>Tous les référentiels</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="678"/>
        <source>All subjects</source>
        <translation>Tous les objets</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="680"/>
        <source>Waived and not waived</source>
        <translation>Avec et sans dérogation</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="680"/>
        <source>Not waived</source>
        <translation>Sans dérogation</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="681"/>
        <source>Waived only</source>
        <translation>Avec dérogation seulement</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="721"/>
        <source>Select a finding to see its details.</source>
        <translation>Sélectionnez un constat pour en voir le détail.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="721"/>
        <source>question for the assessor</source>
        <translation>question pour l&apos;évaluateur</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="722"/>
        <source>What to do</source>
        <translation>Que faire</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="722"/>
        <source>Legal references</source>
        <translation>Références juridiques</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="723"/>
        <source>Evidence</source>
        <translation>Éléments probants</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="723"/>
        <source>Waiver</source>
        <translation>Dérogation</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="723"/>
        <source>Approved by</source>
        <translation>Approuvée par</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="724"/>
        <source>expires</source>
        <translation>expire le</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="736"/>
        <source>No deployment config loaded. Use File ▸ Import, drop a YAML file here, or open an example.</source>
        <translation>Aucune configuration chargée. Utilisez Fichier ▸ Importer, déposez un fichier YAML ici ou ouvrez un exemple.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="743"/>
        <source>Not waived: %1 blocker, %2 major, %3 minor, %4 info. Waived: %5.</source>
        <translation>Sans dérogation : %1 bloquant, %2 majeur, %3 mineur, %4 info. Avec dérogation : %5.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="748"/>
        <source>Run the audit (F5) to see findings.</source>
        <translation>Lancez l&apos;audit (F5) pour voir les constats.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="769"/>
        <source>DORI: %1</source>
        <translation>DORI : %1</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="769"/>
        <source>no footage analysed</source>
        <translation>aucune séquence analysée</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="793"/>
        <source>No camera selected.</source>
        <translation>Aucune caméra sélectionnée.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="800"/>
        <source>No evidence frame for this camera yet: add footage and run the audit.</source>
        <translation>Pas encore d&apos;image probante pour cette caméra : ajoutez des séquences et lancez l&apos;audit.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="812"/>
        <source>Preparing the redacted frame…</source>
        <translation>Préparation de l&apos;image masquée…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="815"/>
        <source>The frame could not be read.</source>
        <translation>L&apos;image n&apos;a pas pu être lue.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="818"/>
        <source>faces revealed (this session only)</source>
        <translation>visages affichés (pour cette session uniquement)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="818"/>
        <source>redacted</source>
        <translation>floutée</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="820"/>
        <source>%1 — frame %2 (%3): %4 face(s) masked; %5.</source>
        <translation>%1 — image %2 (%3) : %4 visage(s) masqué(s) ; %5.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="840"/>
        <source>Run the audit to see which WP248 criteria are met.</source>
        <translation>Lancez l&apos;audit pour voir quels critères WP248 sont remplis.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="843"/>
        <source>A DPIA is required.</source>
        <translation>Une AIPD est obligatoire.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="843"/>
        <source>No DPIA requirement was derived.</source>
        <translation>Aucune obligation d&apos;AIPD n&apos;a été déduite.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="844"/>
        <source>%1 of 9 WP248 criteria met.</source>
        <translation>%1 critère(s) WP248 sur 9 rempli(s).</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="856"/>
        <source>Review the evidence frames first.</source>
        <translation>Vérifiez d&apos;abord les images probantes.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="912"/>
        <source>Export the DPIA report</source>
        <translation>Exporter le rapport d&apos;AIPD</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="925"/>
        <source>Report written to %1</source>
        <translation>Rapport enregistré dans %1</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="930"/>
        <source>Writing the PDF report…</source>
        <translation>Rédaction du rapport PDF…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="936"/>
        <source>Folder for findings.json and findings.sarif</source>
        <translation>Dossier pour findings.json et findings.sarif</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="947"/>
        <source>Cannot write the files</source>
        <translation>Impossible d&apos;écrire les fichiers</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="954"/>
        <source>Wrote %1</source>
        <translation>Fichiers écrits : %1</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="966"/>
        <source>No web browser could be opened; the address was copied to the clipboard: %1</source>
        <translation>Aucun navigateur n&apos;a pu être ouvert ; l&apos;adresse a été copiée dans le presse-papiers : %1</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="973"/>
        <source>Evidence reviewed: %1 frame(s) approved, %2 mask(s) added, %3 frame(s) dropped.</source>
        <translation>Images probantes vérifiées : %1 image(s) approuvée(s), %2 masque(s) ajouté(s), %3 image(s) retirée(s).</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="977"/>
        <source>Waiver recorded for %1 on %2, approved by %3, until %4.</source>
        <translation>Dérogation enregistrée pour %1 sur %2, approuvée par %3, jusqu&apos;au %4.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="981"/>
        <source>Exported %1: %2.</source>
        <translation>Export %1 : %2.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="983"/>
        <source>Unmasked frames shown in the viewer (nothing saved).</source>
        <translation>Images non masquées affichées dans la visionneuse (rien n&apos;est enregistré).</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="990"/>
        <source>Nothing recorded yet.</source>
        <translation>Rien n&apos;est encore consigné.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="998"/>
        <source>Reveal faces?</source>
        <translation>Afficher les visages ?</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="999"/>
        <source>Faces of real people will be shown unmasked in this window, for this session only. Nothing unmasked is ever saved. The reveal is recorded in the project&apos;s audit log. Continue?</source>
        <translation>Les visages de personnes réelles seront affichés sans masque dans cette fenêtre, pour cette session uniquement. Aucune image non masquée n&apos;est jamais enregistrée. L&apos;affichage est consigné dans le journal d&apos;audit du projet. Continuer ?</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1020"/>
        <source>Open an audit project</source>
        <translation>Ouvrir un projet d&apos;audit</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1021"/>
        <source>Audit projects (*.auditproj.yaml *.yaml)</source>
        <translation>Projets d&apos;audit (*.auditproj.yaml *.yaml)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1027"/>
        <source>Save the audit project</source>
        <translation>Enregistrer le projet d&apos;audit</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1029"/>
        <source>Audit projects (*.auditproj.yaml)</source>
        <translation>Projets d&apos;audit (*.auditproj.yaml)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1037"/>
        <source>Import a deployment config</source>
        <translation>Importer une configuration de dispositif</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1038"/>
        <source>Deployment configs (*.yaml *.yml)</source>
        <translation>Configurations de dispositif (*.yaml *.yml)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1049"/>
        <source>Footage for camera %1</source>
        <translation>Séquences de la caméra %1</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1050"/>
        <source>Video and images (*.mp4 *.mkv *.avi *.mov *.jpg *.jpeg *.png)</source>
        <translation>Vidéos et images (*.mp4 *.mkv *.avi *.mov *.jpg *.jpeg *.png)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1088"/>
        <source>Unsaved changes</source>
        <translation>Modifications non enregistrées</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1088"/>
        <source>The audit project has unsaved changes. Discard them?</source>
        <translation>Le projet d&apos;audit contient des modifications non enregistrées. Les abandonner ?</translation>
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
