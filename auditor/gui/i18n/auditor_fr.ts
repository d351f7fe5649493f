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
        <translation>Audite les dispositifs de caméras en magasin au regard du RGPD, de la doctrine de la CNIL et du règlement européen sur l'IA. Ne constitue pas un conseil juridique.</translation>
    </message>
</context>
<context>
    <name>FindingsModel</name>
    <message>
        <location filename="../findings_model.py" line="54"/>
        <source>Severity</source>
        <translation>Gravité</translation>
    </message>
    <message>
        <location filename="../findings_model.py" line="54"/>
        <source>Rule</source>
        <translation>Règle</translation>
    </message>
    <message>
        <location filename="../findings_model.py" line="54"/>
        <source>Pack</source>
        <translation>Référentiel</translation>
    </message>
    <message>
        <location filename="../findings_model.py" line="55"/>
        <source>Subject</source>
        <translation>Objet</translation>
    </message>
    <message>
        <location filename="../findings_model.py" line="55"/>
        <source>Title</source>
        <translation>Intitulé</translation>
    </message>
    <message>
        <location filename="../findings_model.py" line="55"/>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <location filename="../findings_model.py" line="60"/>
        <source>waived</source>
        <translation>dérogation</translation>
    </message>
    <message>
        <location filename="../findings_model.py" line="62"/>
        <source>question</source>
        <translation>question</translation>
    </message>
    <message>
        <location filename="../findings_model.py" line="63"/>
        <source>open</source>
        <translation>ouvert</translation>
    </message>
    <message>
        <location filename="../findings_model.py" line="66"/>
        <source>blocker</source>
        <translation>bloquant</translation>
    </message>
    <message>
        <location filename="../findings_model.py" line="66"/>
        <source>major</source>
        <translation>majeur</translation>
    </message>
    <message>
        <location filename="../findings_model.py" line="67"/>
        <source>minor</source>
        <translation>mineur</translation>
    </message>
    <message>
        <location filename="../findings_model.py" line="67"/>
        <source>info</source>
        <translation>info</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../main_window.py" line="259"/>
        <source>&amp;New project</source>
        <translation>&amp;Nouveau projet</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="260"/>
        <source>&amp;Open project…</source>
        <translation>&amp;Ouvrir un projet…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="261"/>
        <source>&amp;Save project</source>
        <translation>&amp;Enregistrer le projet</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="262"/>
        <source>Save project &amp;as…</source>
        <translation>Enregistrer le projet &amp;sous…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="263"/>
        <source>&amp;Import deployment config…</source>
        <translation>&amp;Importer une configuration…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="264"/>
        <source>Add &amp;footage…</source>
        <translation>Ajouter des &amp;séquences…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="265"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="266"/>
        <source>&amp;Run audit</source>
        <translation>&amp;Lancer l'audit</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="267"/>
        <source>&amp;Cancel</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="268"/>
        <source>Re&amp;view evidence…</source>
        <translation>&amp;Vérifier les images probantes…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="269"/>
        <source>&amp;Waive selected finding…</source>
        <translation>Accorder une &amp;dérogation au constat…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="270"/>
        <source>&amp;Export DPIA report (PDF)…</source>
        <translation>&amp;Exporter le rapport d'AIPD (PDF)…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="271"/>
        <source>Export &amp;JSON and SARIF…</source>
        <translation>Exporter en &amp;JSON et SARIF…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="272"/>
        <source>Reveal faces in the viewer (this session only)</source>
        <translation>Afficher les visages dans la visionneuse (cette session uniquement)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="277"/>
        <source>&amp;About</source>
        <translation>À &amp;propos</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="278"/>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="279"/>
        <source>Open &amp;recent</source>
        <translation>Projets &amp;récents</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="280"/>
        <source>Open &amp;example</source>
        <translation>Ouvrir un &amp;exemple</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="281"/>
        <source>&amp;Audit</source>
        <translation>&amp;Audit</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="282"/>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="283"/>
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="284"/>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="285"/>
        <source>Cameras</source>
        <translation>Caméras</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="286"/>
        <source>Findings</source>
        <translation>Constats</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="287"/>
        <source>Frame</source>
        <translation>Image</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="288"/>
        <source>DPIA criteria</source>
        <translation>Critères d'AIPD</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="289"/>
        <source>Problems</source>
        <translation>Problèmes</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="290"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="291"/>
        <source>Waive this finding…</source>
        <translation>Accorder une dérogation…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="292"/>
        <source>Search rule, subject, title or message</source>
        <translation>Rechercher une règle, un objet, un intitulé ou un message</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="297"/>
        <source>#</source>
        <translation>n°</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="297"/>
        <source>Criterion</source>
        <translation>Critère</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="297"/>
        <location filename="../main_window.py" line="518"/>
        <source>Why</source>
        <translation>Pourquoi</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="304"/>
        <source>Untitled audit</source>
        <translation>Audit sans titre</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="321"/>
        <source>Cannot open the audit project</source>
        <translation>Impossible d'ouvrir le projet d'audit</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="339"/>
        <source>Cannot save the audit project</source>
        <translation>Impossible d'enregistrer le projet d'audit</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="363"/>
        <source>The deployment config has errors</source>
        <translation>La configuration du dispositif contient des erreurs</translation>
    </message>
    <message numerus="yes">
        <location filename="../main_window.py" line="364"/>
        <source>%n problem(s) found. Details are in the Problems tab.</source>
        <translation>
            <numerusform>%n problème détecté. Le détail figure dans l'onglet Problèmes.</numerusform>
            <numerusform>%n problèmes détectés. Le détail figure dans l'onglet Problèmes.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../main_window.py" line="399"/>
        <source>Running the audit…</source>
        <translation>Audit en cours…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="404"/>
        <source>Cancelling…</source>
        <translation>Annulation…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="440"/>
        <source>Audit finished: %1 findings.</source>
        <translation>Audit terminé : %1 constats.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="445"/>
        <source>The audit failed.</source>
        <translation>L'audit a échoué.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="447"/>
        <source>The audit failed</source>
        <translation>L'audit a échoué</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="452"/>
        <source>Cancelled; nothing was changed.</source>
        <translation>Annulé ; rien n'a été modifié.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="482"/>
        <source>All packs</source>
        <translation>Tous les référentiels</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="483"/>
        <source>All subjects</source>
        <translation>Tous les objets</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="485"/>
        <source>Waived and not waived</source>
        <translation>Avec et sans dérogation</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="485"/>
        <source>Not waived</source>
        <translation>Sans dérogation</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="486"/>
        <source>Waived only</source>
        <translation>Avec dérogation seulement</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="517"/>
        <source>Select a finding to see its details.</source>
        <translation>Sélectionnez un constat pour en voir le détail.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="517"/>
        <source>question for the assessor</source>
        <translation>question pour l'évaluateur</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="518"/>
        <source>What to do</source>
        <translation>Que faire</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="518"/>
        <source>Legal references</source>
        <translation>Références juridiques</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="519"/>
        <source>Evidence</source>
        <translation>Éléments probants</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="519"/>
        <source>Waiver</source>
        <translation>Dérogation</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="519"/>
        <source>Approved by</source>
        <translation>Approuvée par</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="520"/>
        <source>expires</source>
        <translation>expire le</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="531"/>
        <source>No deployment config loaded. Use File ▸ Import, drop a YAML file here, or open an example.</source>
        <translation>Aucune configuration chargée. Utilisez Fichier ▸ Importer, déposez un fichier YAML ici ou ouvrez un exemple.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="537"/>
        <source>Not waived: %1 blocker, %2 major, %3 minor, %4 info. Waived: %5.</source>
        <translation>Sans dérogation : %1 bloquant, %2 majeur, %3 mineur, %4 info. Avec dérogation : %5.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="542"/>
        <source>Run the audit (F5) to see findings.</source>
        <translation>Lancez l'audit (F5) pour voir les constats.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="563"/>
        <source>DORI: %1</source>
        <translation>DORI : %1</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="563"/>
        <source>no footage analysed</source>
        <translation>aucune séquence analysée</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="579"/>
        <source>No camera selected.</source>
        <translation>Aucune caméra sélectionnée.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="586"/>
        <source>No evidence frame for this camera yet: add footage and run the audit.</source>
        <translation>Pas encore d'image probante pour cette caméra : ajoutez des séquences et lancez l'audit.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="593"/>
        <source>The frame could not be read.</source>
        <translation>L'image n'a pas pu être lue.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="597"/>
        <source>faces revealed (this session only)</source>
        <translation>visages affichés (pour cette session uniquement)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="597"/>
        <source>redacted</source>
        <translation>floutée</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="599"/>
        <source>%1 — frame %2 (%3): %4 face(s) masked; %5.</source>
        <translation>%1 — image %2 (%3) : %4 visage(s) masqué(s) ; %5.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="616"/>
        <source>Run the audit to see which WP248 criteria are met.</source>
        <translation>Lancez l'audit pour voir quels critères WP248 sont remplis.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="619"/>
        <source>A DPIA is required.</source>
        <translation>Une AIPD est obligatoire.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="619"/>
        <source>No DPIA requirement was derived.</source>
        <translation>Aucune obligation d'AIPD n'a été déduite.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="620"/>
        <source>%1 of 9 WP248 criteria met.</source>
        <translation>%1 critère(s) WP248 sur 9 rempli(s).</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="632"/>
        <source>Review the evidence frames first.</source>
        <translation>Vérifiez d'abord les images probantes.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="682"/>
        <source>Export the DPIA report</source>
        <translation>Exporter le rapport d'AIPD</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="694"/>
        <source>Report written to %1</source>
        <translation>Rapport enregistré dans %1</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="699"/>
        <source>Writing the PDF report…</source>
        <translation>Rédaction du rapport PDF…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="705"/>
        <source>Folder for findings.json and findings.sarif</source>
        <translation>Dossier pour findings.json et findings.sarif</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="715"/>
        <source>Cannot write the files</source>
        <translation>Impossible d'écrire les fichiers</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="719"/>
        <source>Wrote %1</source>
        <translation>Fichiers écrits : %1</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="727"/>
        <source>Reveal faces?</source>
        <translation>Afficher les visages ?</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="728"/>
        <source>Faces of real people will be shown unmasked in this window, for this session only. Nothing unmasked is ever saved. The reveal is recorded in the project&apos;s audit log. Continue?</source>
        <translation>Les visages de personnes réelles seront affichés sans masque dans cette fenêtre, pour cette session uniquement. Aucune image non masquée n'est jamais enregistrée. L'affichage est consigné dans le journal d'audit du projet. Continuer ?</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="734"/>
        <source>Unmasked frames shown in the viewer</source>
        <translation>Images non masquées affichées dans la visionneuse</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="749"/>
        <source>Open an audit project</source>
        <translation>Ouvrir un projet d'audit</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="750"/>
        <source>Audit projects (*.auditproj.yaml *.yaml)</source>
        <translation>Projets d'audit (*.auditproj.yaml *.yaml)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="756"/>
        <source>Save the audit project</source>
        <translation>Enregistrer le projet d'audit</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="758"/>
        <source>Audit projects (*.auditproj.yaml)</source>
        <translation>Projets d'audit (*.auditproj.yaml)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="766"/>
        <source>Import a deployment config</source>
        <translation>Importer une configuration de dispositif</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="767"/>
        <source>Deployment configs (*.yaml *.yml)</source>
        <translation>Configurations de dispositif (*.yaml *.yml)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="778"/>
        <source>Footage for camera %1</source>
        <translation>Séquences de la caméra %1</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="779"/>
        <source>Video and images (*.mp4 *.mkv *.avi *.mov *.jpg *.jpeg *.png)</source>
        <translation>Vidéos et images (*.mp4 *.mkv *.avi *.mov *.jpg *.jpeg *.png)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="817"/>
        <source>Unsaved changes</source>
        <translation>Modifications non enregistrées</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="817"/>
        <source>The audit project has unsaved changes. Discard them?</source>
        <translation>Le projet d'audit contient des modifications non enregistrées. Les abandonner ?</translation>
    </message>
</context>
<context>
    <name>ReviewDialog</name>
    <message>
        <location filename="../dialogs/review.py" line="37"/>
        <source>Review the evidence frames</source>
        <translation>Vérifier les images probantes</translation>
    </message>
    <message>
        <location filename="../dialogs/review.py" line="40"/>
        <source>Every face must be masked. Drag a box over any face that is not masked; drop a frame you do not want in the report; approve when all are checked.</source>
        <translation>Chaque visage doit être masqué. Tracez un cadre sur tout visage non masqué ; écartez une image que vous ne voulez pas dans le rapport ; approuvez quand toutes sont vérifiées.</translation>
    </message>
    <message>
        <location filename="../dialogs/review.py" line="48"/>
        <source>◀ Previous</source>
        <translation>◀ Précédente</translation>
    </message>
    <message>
        <location filename="../dialogs/review.py" line="49"/>
        <source>Next ▶</source>
        <translation>Suivante ▶</translation>
    </message>
    <message>
        <location filename="../dialogs/review.py" line="50"/>
        <source>Drop this frame</source>
        <translation>Écarter cette image</translation>
    </message>
    <message>
        <location filename="../dialogs/review.py" line="59"/>
        <source>Approve all frames</source>
        <translation>Approuver toutes les images</translation>
    </message>
    <message>
        <location filename="../dialogs/review.py" line="73"/>
        <source>This audit has no evidence frame: nothing to review.</source>
        <translation>Cet audit ne comporte aucune image probante : rien à vérifier.</translation>
    </message>
    <message>
        <location filename="../dialogs/review.py" line="84"/>
        <source>The frame could not be read; drop it.</source>
        <translation>L'image n'a pas pu être lue ; écartez-la.</translation>
    </message>
    <message>
        <location filename="../dialogs/review.py" line="89"/>
        <source>Frame %1 of %2 — camera %3, frame %4: %5 face(s) masked.</source>
        <translation>Image %1 sur %2 — caméra %3, image n° %4 : %5 visage(s) masqué(s).</translation>
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
