<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="cy" sourcelanguage="en_GB">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../safedesk/gui/about_dialog.py" line="+53"/>
        <source>About SafeDesk</source>
        <translation>Ynghylch SafeDesk</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Whether the details were copied</source>
        <translation>A gafodd y manylion eu copïo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Copy details</source>
        <translation>&amp;Copïo’r manylion</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The SafeDesk icon</source>
        <translation>Eicon SafeDesk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Version {version}</source>
        <translation>Fersiwn {version}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Post to Mastodon and Bluesky from personal and official accounts, kept apart.</source>
        <translation>Postio i Mastodon a Bluesky o gyfrifon personol a swyddogol, wedi’u cadw ar wahân.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>SafeDesk is free software: you may share and change it under the GNU General Public License, version 3 or (at your choice) any later version. It comes with no warranty.</source>
        <translation>Meddalwedd rydd yw SafeDesk: cewch ei rhannu a’i newid o dan Drwydded Gyhoeddus Gyffredinol GNU, fersiwn 3 neu (o’ch dewis chi) unrhyw fersiwn ddiweddarach. Nid oes gwarant gyda hi.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Read the &amp;licence</source>
        <translation>Darllen y d&amp;rwydded</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The data folder path</source>
        <translation>Llwybr y ffolder data</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Data folder:</source>
        <translation>&amp;Ffolder data:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy path</source>
        <translation>Copïo’r llwybr</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy the data folder path</source>
        <translation>Copïo llwybr y ffolder data</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Open folder</source>
        <translation>&amp;Agor y ffolder</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Versions, for a support request:</source>
        <translation>Fersiyna&amp;u, ar gyfer cais am gymorth:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Reading the versions…</source>
        <translation>Yn darllen y fersiynau…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>not installed</source>
        <translation>heb ei osod</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The versions could not be read: {error}</source>
        <translation>Doedd dim modd darllen y fersiynau: {error}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Operating system: {system}</source>
        <translation>System weithredu: {system}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Data folder: {path}</source>
        <translation>Ffolder data: {path}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Copied: paste them into your support request.</source>
        <translation>Wedi’u copïo: gludwch nhw yn eich cais am gymorth.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Licence</source>
        <translation>Trwydded</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The licence’s text</source>
        <translation>Testun y drwydded</translation>
    </message>
</context>
<context>
    <name>AccountsPanel</name>
    <message>
        <location filename="../../safedesk/gui/accounts_panel.py" line="+69"/>
        <source>Personal accounts</source>
        <translation>Cyfrifon personol</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Official accounts</source>
        <translation>Cyfrifon swyddogol</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add personal account…</source>
        <translation>Ychwanegu cyfrif personol…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add official account…</source>
        <translation>Ychwanegu cyfrif swyddogol…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign in again…</source>
        <translation>Mewngofnodi eto…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove…</source>
        <translation>Tynnu…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{reason} Ask an admin.</source>
        <translation>{reason} Gofynnwch i weinyddwr.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sign the chosen account in again, after its sign-in was revoked or expired. It keeps its place and its history.</source>
        <translation>Mewngofnodi’r cyfrif a ddewiswyd eto, ar ôl i’w fewngofnodi gael ei ddirymu neu ddod i ben. Mae’n cadw ei le a’i hanes.</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Remove account</source>
        <translation>Tynnu cyfrif</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove {address} from SafeDesk? Its history stays; SafeDesk signs it out and forgets its password or token.</source>
        <translation>Tynnu {address} o SafeDesk? Mae ei hanes yn aros; mae SafeDesk yn ei allgofnodi ac yn anghofio ei gyfrinair neu ei docyn.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Not removed: {error}</source>
        <translation>Heb ei dynnu: {error}</translation>
    </message>
</context>
<context>
    <name>AddAccount</name>
    <message>
        <location filename="../../safedesk/gui/add_account.py" line="+42"/>
        <source>Personal: your own account. Posts go out when you press Post.</source>
        <translation>Personol: eich cyfrif eich hun. Mae postiadau’n mynd allan pan fyddwch yn pwyso Postio.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Official: your organisation&apos;s account. Every post waits for a second person&apos;s approval. You cannot move an account between panes later.</source>
        <translation>Swyddogol: cyfrif eich sefydliad. Mae pob postiad yn aros am gymeradwyaeth ail berson. Ni allwch symud cyfrif o un paen i’r llall wedyn.</translation>
    </message>
</context>
<context>
    <name>AddAccountDialog</name>
    <message>
        <location line="+16"/>
        <source>Sign in again as {address}</source>
        <translation>Mewngofnodi eto fel {address}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add an account</source>
        <translation>Ychwanegu cyfrif</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>2. Platform:</source>
        <translation>2. Platfform:</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Sign-in status</source>
        <translation>Statws mewngofnodi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Canslo</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{reason} Ask an admin.</source>
        <translation>{reason} Gofynnwch i weinyddwr.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>1. Which pane? An account stays in its pane for good.</source>
        <translation>1. Pa baen? Mae cyfrif yn aros yn ei baen am byth.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Mastodon server</source>
        <translation>Gweinydd Mastodon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign in with the browser (recommended)</source>
        <translation>Mewngofnodi gyda’r porwr (argymhellir)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Get a code to paste…</source>
        <translation>Cael cod i’w ludo…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Paste the code the server showed you</source>
        <translation>Gludwch y cod a ddangosodd y gweinydd i chi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Authorization code</source>
        <translation>Cod awdurdodi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use this code</source>
        <translation>Defnyddio’r cod hwn</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>An access token your IT team gave you</source>
        <translation>Tocyn mynediad a roddodd eich tîm TG i chi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Access token</source>
        <translation>Tocyn mynediad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign in with this token</source>
        <translation>Mewngofnodi gyda’r tocyn hwn</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+29"/>
        <source>Server</source>
        <translation>Gweinydd</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>Code</source>
        <translation>Cod</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Token</source>
        <translation>Tocyn</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Bluesky server</source>
        <translation>Gweinydd Bluesky</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>you.bsky.social</source>
        <translation>chi.bsky.social</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+15"/>
        <source>Handle</source>
        <translation>Enw defnyddiwr</translation>
    </message>
    <message>
        <location line="-11"/>
        <location line="+12"/>
        <source>App password</source>
        <translation>Cyfrinair ap</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Use an app password (Settings &gt; Privacy and security &gt; App passwords), never your main password.</source>
        <translation>Defnyddiwch gyfrinair ap (Settings &gt; Privacy and security &gt; App passwords), byth eich prif gyfrinair.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sign in</source>
        <translation>Mewngofnodi</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Waiting for you to allow SafeDesk in your browser…</source>
        <translation>Yn aros i chi ganiatáu SafeDesk yn eich porwr…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Asking the server for a sign-in page…</source>
        <translation>Yn gofyn i’r gweinydd am dudalen fewngofnodi…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open &lt;a href=&quot;{url}&quot;&gt;the sign-in page&lt;/a&gt;, allow SafeDesk, then paste the code it shows.</source>
        <translation>Agorwch &lt;a href=&quot;{url}&quot;&gt;y dudalen fewngofnodi&lt;/a&gt;, caniatewch SafeDesk, yna gludwch y cod y mae’n ei ddangos.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Get a code first.</source>
        <translation>Mynnwch god yn gyntaf.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Checking the code…</source>
        <translation>Yn gwirio’r cod…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Checking the token…</source>
        <translation>Yn gwirio’r tocyn…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Signing in to Bluesky…</source>
        <translation>Yn mewngofnodi i Bluesky…</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>{warnings} &lt;a href=&quot;{url}&quot;&gt;Create an app password in Bluesky&lt;/a&gt;, then use Sign in again on the Accounts tab.</source>
        <translation>{warnings} &lt;a href=&quot;{url}&quot;&gt;Crëwch gyfrinair ap yn Bluesky&lt;/a&gt;, yna defnyddiwch Mewngofnodi eto ar y tab Cyfrifon.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Close</source>
        <translation>Cau</translation>
    </message>
</context>
<context>
    <name>AddPersonDialog</name>
    <message>
        <location filename="../../safedesk/gui/people_dialogs.py" line="+169"/>
        <source>Add a person</source>
        <translation>Ychwanegu person</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name</source>
        <translation>Enw</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Role</source>
        <translation>Rôl</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Passphrase</source>
        <translation>Cyfrinymadrodd</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Passphrase again</source>
        <translation>Y cyfrinymadrodd eto</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Name</source>
        <translation>&amp;Enw</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Role</source>
        <translation>&amp;Rôl</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Passphrase</source>
        <translation>&amp;Cyfrinymadrodd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Again</source>
        <translation>E&amp;to</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Choose a passphrase for them.</source>
        <translation>Dewiswch gyfrinymadrodd ar eu cyfer.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The two passphrases differ.</source>
        <translation>Mae’r ddau gyfrinymadrodd yn wahanol.</translation>
    </message>
</context>
<context>
    <name>AltTextDialog</name>
    <message>
        <location filename="../../safedesk/gui/alt_text_dialog.py" line="+94"/>
        <source>Alt text for {name}</source>
        <translation>Testun amgen ar gyfer {name}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Alt text</source>
        <translation>Testun amgen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The image being described</source>
        <translation>Y ddelwedd sy’n cael ei disgrifio</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Loading the picture…</source>
        <translation>Yn llwytho’r llun…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Describe the image</source>
        <translation>Disgrifiwch y ddelwedd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What the image shows, for people who cannot see it</source>
        <translation>Beth mae’r ddelwedd yn ei ddangos, i bobl sy’n methu ei gweld</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Alt text length</source>
        <translation>Hyd y testun amgen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Describe the image:</source>
        <translation>Disgrifiwch y ddelwedd:</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>(The picture cannot be shown here.)</source>
        <translation>(Ni ellir dangos y llun yma.)</translation>
    </message>
</context>
<context>
    <name>ApproverHint</name>
    <message>
        <location filename="../../safedesk/gui/banners.py" line="+57"/>
        <source>Who can approve official posts</source>
        <translation>Pwy all gymeradwyo postiadau swyddogol</translation>
    </message>
</context>
<context>
    <name>Banners</name>
    <message>
        <location line="-26"/>
        <source>Settings › People</source>
        <translation>Gosodiadau › Pobl</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Official posting needs a colleague added as approver: {where}. Nobody else in SafeDesk can approve official posts yet, so what you submit will wait.</source>
        <translation>Mae postio swyddogol angen cydweithiwr wedi’i ychwanegu fel cymeradwywr: {where}. Does neb arall yn SafeDesk yn gallu cymeradwyo postiadau swyddogol eto, felly bydd yr hyn a gyflwynwch yn aros.</translation>
    </message>
</context>
<context>
    <name>BlockReason</name>
    <message>
        <location filename="../../safedesk/gui/findings.py" line="+86"/>
        <source>Why this cannot be sent</source>
        <translation>Pam na ellir anfon hwn</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>⛔ Blocked: {reason}</source>
        <translation>⛔ Wedi’i rwystro: {reason}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>⚠ An approver must override this with a written reason: {reason}</source>
        <translation>⚠ Rhaid i gymeradwywr ddiystyru hwn gyda rheswm ysgrifenedig: {reason}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source> (and {count} more)</source>
        <translation> (a {count} arall)</translation>
    </message>
</context>
<context>
    <name>ChoosePersonDialog</name>
    <message>
        <location filename="../../safedesk/gui/people_dialogs.py" line="-119"/>
        <source>Who is using SafeDesk?</source>
        <translation>Pwy sy’n defnyddio SafeDesk?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+5"/>
        <source>Passphrase</source>
        <translation>Cyfrinymadrodd</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>I am</source>
        <translation>Fi yw</translation>
    </message>
</context>
<context>
    <name>ComposeBox</name>
    <message>
        <location filename="../../safedesk/gui/compose_words.py" line="+23"/>
        <source>Language not set</source>
        <translation>Dim iaith wedi’i gosod</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>English</source>
        <translation>English (Saesneg)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cymraeg (Welsh)</source>
        <translation>Cymraeg</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gàidhlig</source>
        <translation>Gàidhlig (Gaeleg yr Alban)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gaeilge</source>
        <translation>Gaeilge (Gwyddeleg)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Polski</source>
        <translation>Polski (Pwyleg)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>اردو</source>
        <translation>اردو (Wrdw)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>العربية</source>
        <translation>العربية (Arabeg)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ਪੰਜਾਬੀ</source>
        <translation>ਪੰਜਾਬੀ (Pwnjabeg)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Public</source>
        <translation>Cyhoeddus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quiet public (unlisted)</source>
        <translation>Cyhoeddus tawel (heb ei restru)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Followers only</source>
        <translation>Dilynwyr yn unig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mentioned people only</source>
        <translation>Pobl a grybwyllir yn unig</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Bluesky has no warnings: don&apos;t post there while one is set</source>
        <translation>Does dim rhybuddion ar Bluesky: peidiwch â phostio yno tra bo un wedi’i osod</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Put “CW: …” at the top of the text</source>
        <translation>Rhoi “CW: …” ar frig y testun</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Post without the warning</source>
        <translation>Postio heb y rhybudd</translation>
    </message>
    <message>
        <location filename="../../safedesk/gui/compose.py" line="+110"/>
        <source>Some images have no alt text; people using screen readers will miss them.</source>
        <translation>Does gan rai delweddau ddim testun amgen; bydd pobl sy’n defnyddio darllenydd sgrin yn eu colli.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose at least one account.</source>
        <translation>Dewiswch o leiaf un cyfrif.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Copy to the official pane</source>
        <translation>Copïo i’r paen swyddogol</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy to the personal pane</source>
        <translation>Copïo i’r paen personol</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Starts a new draft there, under that pane&apos;s own rules.</source>
        <translation>Yn dechrau drafft newydd yno, o dan reolau’r paen hwnnw ei hun.</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>Message</source>
        <translation>Neges</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>Personal post text</source>
        <translation>Testun y postiad personol</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Official post text</source>
        <translation>Testun y postiad swyddogol</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What do you want to say?</source>
        <translation>Beth hoffech chi ei ddweud?</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Content warning</source>
        <translation>Rhybudd cynnwys</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Content warning (optional)</source>
        <translation>Rhybudd cynnwys (dewisol)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Length per account</source>
        <translation>Hyd fesul cyfrif</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Preview per platform</source>
        <translation>Rhagolwg fesul platfform</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not a reply</source>
        <translation>Nid ateb yw hwn</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+35"/>
        <source>Language</source>
        <translation>Iaith</translation>
    </message>
    <message>
        <location line="-31"/>
        <source>Who can see it on Mastodon</source>
        <translation>Pwy all ei weld ar Mastodon</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>What to do with the warning on Bluesky</source>
        <translation>Beth i’w wneud â’r rhybudd ar Bluesky</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>On Bluesky</source>
        <translation>Ar Bluesky</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Post as</source>
        <translation>Postio fel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Text</source>
        <translation>Testun</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Warning</source>
        <translation>Rhybudd</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Audience</source>
        <translation>Cynulleidfa</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Images</source>
        <translation>Delweddau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Link card</source>
        <translation>Cerdyn dolen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Preview</source>
        <translation>Rhagolwg</translation>
    </message>
    <message>
        <location line="+111"/>
        <source>an earlier post</source>
        <translation>postiad cynharach</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Replying to {post}</source>
        <translation>Yn ateb {post}</translation>
    </message>
    <message>
        <location filename="../../safedesk/gui/compose_save.py" line="+77"/>
        <source>Draft not saved: {reason}</source>
        <translation>Heb gadw’r drafft: {reason}</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>an unexpected error ({kind}); what you typed is kept</source>
        <translation>gwall annisgwyl ({kind}); mae’r hyn a deipiwyd gennych wedi’i gadw</translation>
    </message>
    <message>
        <location filename="../../safedesk/gui/compose.py" line="+116"/>
        <source>The post fits every chosen account again.</source>
        <translation>Mae’r postiad yn ffitio pob cyfrif a ddewiswyd unwaith eto.</translation>
    </message>
    <message>
        <location filename="../../safedesk/gui/compose_words.py" line="+30"/>
        <source>{account} on {platform}</source>
        <translation>{account} ar {platform}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>CW: {warning}</source>
        <translation>Rhybudd: {warning}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>[show more]</source>
        <translation>[dangos mwy]</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no alt text</source>
        <translation>dim testun amgen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>[image: {alt}]</source>
        <translation>[delwedd: {alt}]</translation>
    </message>
</context>
<context>
    <name>CorrectionDialog</name>
    <message>
        <location filename="../../safedesk/gui/correction_dialog.py" line="+87"/>
        <source>SafeDesk could not finish {doing} ({kind}). Nothing is posted twice: look at the History, then try again.</source>
        <translation>Doedd SafeDesk ddim yn gallu gorffen {doing} ({kind}). Chaiff dim ei bostio ddwywaith: edrychwch ar yr Hanes, yna rhowch gynnig arall arni.</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>The post being corrected</source>
        <translation>Y postiad sy’n cael ei gywiro</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Template language</source>
        <translation>Iaith y templed</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Where the reply goes</source>
        <translation>I ble mae’r ateb yn mynd</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>About editing the original</source>
        <translation>Am olygu’r gwreiddiol</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Use the template&apos;s words again</source>
        <translation>Defnyddio geiriau’r templed eto</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Template or your own words</source>
        <translation>Y templed neu eich geiriau eich hun</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warning</source>
        <translation>Rhybudd</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Internal note (never published)</source>
        <translation>Nodyn mewnol (byth yn cael ei gyhoeddi)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>For the incident record only; never published</source>
        <translation>Ar gyfer cofnod y digwyddiad yn unig; byth yn cael ei gyhoeddi</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Why it cannot be published yet</source>
        <translation>Pam na ellir ei gyhoeddi eto</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Message</source>
        <translation>Neges</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What happened on each account</source>
        <translation>Beth ddigwyddodd ar bob cyfrif</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Retry what failed</source>
        <translation>Ceisio eto’r hyn a fethodd</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancel</source>
        <translation>Canslo</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Post</source>
        <translation>Postiad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language</source>
        <translation>Iaith</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Goes to</source>
        <translation>Yn mynd i</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The original</source>
        <translation>Y gwreiddiol</translation>
    </message>
    <message>
        <location line="-33"/>
        <source>Text</source>
        <translation>Testun</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Internal note</source>
        <translation>Nodyn mewnol</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The correction</source>
        <translation>Y cywiriad</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Checking the original on each account…</source>
        <translation>Yn gwirio’r gwreiddiol ar bob cyfrif…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>looking up the original</source>
        <translation>chwilio am y gwreiddiol</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+240"/>
        <source>Close</source>
        <translation>Cau</translation>
    </message>
    <message>
        <location line="-222"/>
        <source>Editing an official original needs the {template} note template pre-approved by an approver.</source>
        <translation>I olygu gwreiddiol swyddogol, rhaid i gymeradwywr fod wedi rhag-gymeradwyo’r templed nodyn {template}.</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Welsh (cy)</source>
        <translation>Cymraeg (cy)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name} in Welsh</source>
        <translation>{name} yn Gymraeg</translation>
    </message>
    <message>
        <location line="+96"/>
        <source>{severity}: {finding}.</source>
        <translation>{severity}: {finding}.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Fill in {placeholders}: it is still in the text.</source>
        <translation>Llenwch {placeholders}: mae yn y testun o hyd.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>From the {template} template: fill in the blanks above.</source>
        <translation>O’r templed {template}: llenwch y bylchau uchod.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Your own words: the text differs from the template.</source>
        <translation>Eich geiriau eich hun: mae’r testun yn wahanol i’r templed.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The {template} template&apos;s words.</source>
        <translation>Geiriau’r templed {template}.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{words} Goes to the approval queue as URGENT: {reason}</source>
        <translation>{words} Yn mynd i’r ciw cymeradwyo fel un BRYS: {reason}</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>⚠ The text claims the account was hacked or misused ({claims}), so an approver must look at it first, as urgent.</source>
        <translation>⚠ Mae’r testun yn honni bod y cyfrif wedi’i hacio neu ei gamddefnyddio ({claims}), felly rhaid i gymeradwywr edrych arno’n gyntaf, fel un brys.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>⚠ The text claims the account was hacked or misused ({claims}). Only say so if it is true: it is recorded with the incident.</source>
        <translation>⚠ Mae’r testun yn honni bod y cyfrif wedi’i hacio neu ei gamddefnyddio ({claims}). Dywedwch hynny dim ond os yw’n wir: caiff ei gofnodi gyda’r digwyddiad.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Submitting for urgent approval…</source>
        <translation>Yn cyflwyno i’w gymeradwyo ar frys…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Publishing…</source>
        <translation>Yn cyhoeddi…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Retrying what failed…</source>
        <translation>Yn ceisio eto’r hyn a fethodd…</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>the correction</source>
        <translation>y cywiriad</translation>
    </message>
</context>
<context>
    <name>CorrectionText</name>
    <message>
        <location filename="../../safedesk/gui/correction_text.py" line="+27"/>
        <source>Bluesky cannot edit posts; delete it or keep it.</source>
        <translation>All Bluesky ddim golygu postiadau; dilëwch ef neu ei gadw.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Correct a post</source>
        <translation>Cywiro postiad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apologise for a post</source>
        <translation>Ymddiheuro am bostiad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retract a post</source>
        <translation>Tynnu postiad yn ôl</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Correction text</source>
        <translation>Testun y cywiriad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apology text</source>
        <translation>Testun yr ymddiheuriad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retraction text</source>
        <translation>Testun y tynnu’n ôl</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Publish correction</source>
        <translation>Cyhoeddi’r cywiriad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Publish apology</source>
        <translation>Cyhoeddi’r ymddiheuriad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Publish retraction</source>
        <translation>Cyhoeddi’r tynnu’n ôl</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Keep the original, with the reply under it</source>
        <translation>Cadw’r gwreiddiol, gyda’r ateb oddi tano</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete the original once the reply is up</source>
        <translation>Dileu’r gwreiddiol ar ôl i’r ateb ymddangos</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Edit the original to add a note pointing to the reply (Mastodon)</source>
        <translation>Golygu’r gwreiddiol i ychwanegu nodyn sy’n cyfeirio at yr ateb (Mastodon)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{first} and {second}</source>
        <translation>{first} a {second}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{first}, {second} and {count} more</source>
        <translation>{first}, {second} a {count} arall</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Publishes at once.</source>
        <translation>Caiff ei gyhoeddi ar unwaith.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the text says “{claim}”, and a claim that the account was hacked or misused always goes to an approver.</source>
        <translation>mae’r testun yn dweud “{claim}”, ac mae honiad bod y cyfrif wedi’i hacio neu ei gamddefnyddio bob amser yn mynd at gymeradwywr.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>a second person must approve words that are not the template&apos;s.</source>
        <translation>rhaid i ail berson gymeradwyo geiriau nad ydyn nhw’n eiriau’r templed.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>no one else has pre-approved both the Welsh and the English versions of the {name} template.</source>
        <translation>does neb arall wedi rhag-gymeradwyo fersiwn Cymraeg a fersiwn Saesneg y templed {name}.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>no one else has pre-approved this version of the {template} template.</source>
        <translation>does neb arall wedi rhag-gymeradwyo’r fersiwn hon o’r templed {template}.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Pre-approved by {approver}: publishes at once.</source>
        <translation>Wedi’i rag-gymeradwyo gan {approver}: caiff ei gyhoeddi ar unwaith.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Pre-approved: publishes at once.</source>
        <translation>Wedi’i rag-gymeradwyo: caiff ei gyhoeddi ar unwaith.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Submit for urgent approval</source>
        <translation>Cyflwyno i’w gymeradwyo ar frys</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Publish correction as {accounts}</source>
        <translation>Cyhoeddi’r cywiriad fel {accounts}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Publish apology as {accounts}</source>
        <translation>Cyhoeddi’r ymddiheuriad fel {accounts}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Publish retraction as {accounts}</source>
        <translation>Cyhoeddi’r tynnu’n ôl fel {accounts}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>, then delete the original</source>
        <translation>, yna dileu’r gwreiddiol</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>, then delete the originals</source>
        <translation>, yna dileu’r rhai gwreiddiol</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>, then add a note to the original on Mastodon</source>
        <translation>, yna ychwanegu nodyn at y gwreiddiol ar Mastodon</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the original stays, with the reply under it</source>
        <translation>mae’r gwreiddiol yn aros, gyda’r ateb oddi tano</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the original is deleted once the reply is up</source>
        <translation>caiff y gwreiddiol ei ddileu ar ôl i’r ateb ymddangos</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{cannot_edit} It stays as it is, with the reply under it</source>
        <translation>{cannot_edit} Mae’n aros fel y mae, gyda’r ateb oddi tano</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a note is added to the original once the reply is up</source>
        <translation>caiff nodyn ei ychwanegu at y gwreiddiol ar ôl i’r ateb ymddangos</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{account}: nothing will be posted here.</source>
        <translation>{account}: fydd dim yn cael ei bostio yma.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the original</source>
        <translation>y gwreiddiol</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{account}: a reply threaded under {original}</source>
        <translation>{account}: ateb yn yr edefyn o dan {original}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Then {what}.</source>
        <translation>Yna, {what}.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>— {account}: nothing posted. {reason}</source>
        <translation>— {account}: dim wedi’i bostio. {reason}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>published</source>
        <translation>wedi’i gyhoeddi</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>✔ {account}: reply published — {link}</source>
        <translation>✔ {account}: ateb wedi’i gyhoeddi — {link}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>✘ {account}: not published — {reason}</source>
        <translation>✘ {account}: heb ei gyhoeddi — {reason}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>✘ Could not delete the original: {reason}</source>
        <translation>✘ Doedd dim modd dileu’r gwreiddiol: {reason}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>✘ Could not edit the original: {reason}</source>
        <translation>✘ Doedd dim modd golygu’r gwreiddiol: {reason}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The original is deleted once the reply is published.</source>
        <translation>Caiff y gwreiddiol ei ddileu ar ôl i’r ateb gael ei gyhoeddi.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The original is edited once the reply is published.</source>
        <translation>Caiff y gwreiddiol ei olygu ar ôl i’r ateb gael ei gyhoeddi.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Original: keep — done.</source>
        <translation>Gwreiddiol: cadw — wedi’i wneud.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Original: delete — done.</source>
        <translation>Gwreiddiol: dileu — wedi’i wneud.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Original: edit — done.</source>
        <translation>Gwreiddiol: golygu — wedi’i wneud.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>complete</source>
        <translation>wedi’i gwblhau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>partial</source>
        <translation>rhannol</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not sent</source>
        <translation>heb ei anfon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>waiting for approval</source>
        <translation>yn aros am gymeradwyaeth</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sent back for changes</source>
        <translation>wedi’i anfon yn ôl i’w newid</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>rejected</source>
        <translation>wedi’i wrthod</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>approved, not yet published</source>
        <translation>wedi’i gymeradwyo, heb ei gyhoeddi eto</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>publishing</source>
        <translation>yn cyhoeddi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not posted</source>
        <translation>heb ei bostio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>pending</source>
        <translation>yn aros</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Correction published under the original everywhere it still was.</source>
        <translation>Cyhoeddwyd y cywiriad o dan y gwreiddiol ym mhob man lle’r oedd o hyd.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Apology published under the original everywhere it still was.</source>
        <translation>Cyhoeddwyd yr ymddiheuriad o dan y gwreiddiol ym mhob man lle’r oedd o hyd.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Retraction published under the original everywhere it still was.</source>
        <translation>Cyhoeddwyd y tynnu’n ôl o dan y gwreiddiol ym mhob man lle’r oedd o hyd.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not everything went through. Retry sends only what failed, with the same keys, so nothing is posted twice.</source>
        <translation>Aeth rhywfaint heb ei anfon. Mae Ceisio eto yn anfon dim ond yr hyn a fethodd, gyda’r un allweddi, felly chaiff dim ei bostio ddwywaith.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Submitted for urgent approval: it is at the top of the approvers&apos; queue and publishes as soon as someone else approves it.</source>
        <translation>Wedi’i gyflwyno i’w gymeradwyo ar frys: mae ar frig ciw’r cymeradwywyr a chaiff ei gyhoeddi cyn gynted ag y bydd rhywun arall yn ei gymeradwyo.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Correction</source>
        <translation>Cywiriad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apology</source>
        <translation>Ymddiheuriad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retraction</source>
        <translation>Tynnu’n ôl</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>(no text)</source>
        <translation>(dim testun)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your post of {when}: {post}</source>
        <translation>Eich postiad ar {when}: {post}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>What was wrong, and what is right</source>
        <translation>Beth oedd yn anghywir, a beth sy’n gywir</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date of the original</source>
        <translation>Dyddiad y gwreiddiol</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signed as</source>
        <translation>Wedi’i lofnodi fel</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the day the original was first published, written out in the template&apos;s language (e.g. 21 November 2026, 21 Tachwedd 2026)</source>
        <translation>y diwrnod y cyhoeddwyd y gwreiddiol gyntaf, wedi’i ysgrifennu yn iaith y templed (e.e. 21 November 2026, 21 Tachwedd 2026)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the name the account goes by: its display name, else its address</source>
        <translation>yr enw sydd gan y cyfrif: ei enw dangos, neu ei gyfeiriad fel arall</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the author&apos;s own words: what was wrong, and what is right</source>
        <translation>geiriau’r awdur ei hun: beth oedd yn anghywir, a beth sy’n gywir</translation>
    </message>
</context>
<context>
    <name>DecideDialog</name>
    <message>
        <location filename="../../safedesk/gui/decide_dialog.py" line="+46"/>
        <source>Override reason</source>
        <translation>Rheswm dros ddiystyru</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This post cannot be approved as it stands: no one can lift that block. Send it back for the author to change the text.</source>
        <translation>Ni ellir cymeradwyo’r postiad hwn fel y mae: all neb godi’r rhwystr hwnnw. Anfonwch ef yn ôl i’r awdur newid y testun.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Approving it needs your written reason to override the block, in “Override reason”. The reason is recorded in the audit trail and shown in history.</source>
        <translation>I’w gymeradwyo, mae angen eich rheswm ysgrifenedig dros ddiystyru’r rhwystr, yn “Rheswm dros ddiystyru”. Caiff y rheswm ei gofnodi yn y trywydd archwilio a’i ddangos yn yr hanes.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Approve</source>
        <translation>Cymeradwyo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reject</source>
        <translation>Gwrthod</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send back for changes</source>
        <translation>Anfon yn ôl i’w newid</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Comment (optional)</source>
        <translation>Sylw (dewisol)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason (required)</source>
        <translation>Rheswm (gofynnol)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What to change (required)</source>
        <translation>Beth i’w newid (gofynnol)</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>{verb} — confirm with your team password</source>
        <translation>{verb} — cadarnhewch gyda chyfrinair eich tîm</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{verb} — confirm with your passphrase</source>
        <translation>{verb} — cadarnhewch gyda’ch cyfrinymadrodd</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{name}&apos;s team password</source>
        <translation>Cyfrinair tîm {name}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name}&apos;s passphrase</source>
        <translation>Cyfrinymadrodd {name}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{verb}: {post}</source>
        <translation>{verb}: {post}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Content fingerprint (first 12 characters)</source>
        <translation>Ôl bys y cynnwys (y 12 nod cyntaf)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The start of the SHA-256 digest of exactly what you saw. Any change to the post gives a different fingerprint.</source>
        <translation>Dechrau crynhoad SHA-256 yr union beth a welsoch chi. Mae unrhyw newid i’r postiad yn rhoi ôl bys gwahanol.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Message</source>
        <translation>Neges</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Fingerprint</source>
        <translation>Ôl bys</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cancel</source>
        <translation>Canslo</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Your approval will be recorded as “{flag}”. A second admin&apos;s confirmation of your appointment would lift this.</source>
        <translation>Caiff eich cymeradwyaeth ei chofnodi fel “{flag}”. Byddai ail weinyddwr yn cadarnhau eich penodiad yn codi hyn.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Flag on this approval</source>
        <translation>Baner ar y gymeradwyaeth hon</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>What approving this post needs</source>
        <translation>Beth sydd ei angen i gymeradwyo’r postiad hwn</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Goes out as: {accounts}</source>
        <translation>Caiff ei bostio o: {accounts}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accounts it goes out as</source>
        <translation>Y cyfrifon y caiff ei bostio ohonyn nhw</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>How it will look on each account</source>
        <translation>Sut y bydd yn edrych ar bob cyfrif</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Hidden characters in this post</source>
        <translation>Nodau cudd yn y postiad hwn</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Say why, so the author knows what to change.</source>
        <translation>Dywedwch pam, fel bod yr awdur yn gwybod beth i’w newid.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Working…</source>
        <translation>Wrthi…</translation>
    </message>
</context>
<context>
    <name>EnglishPart</name>
    <message>
        <location filename="../../safedesk/gui/correction_pair.py" line="+35"/>
        <source>English (en)</source>
        <translation>Saesneg (en)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{name} in English</source>
        <translation>{name} yn Saesneg</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Use the English template&apos;s words again</source>
        <translation>Defnyddio geiriau’r templed Saesneg eto</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>{field} in English</source>
        <translation>{field} yn Saesneg</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{field} (English)</source>
        <translation>{field} (Saesneg)</translation>
    </message>
</context>
<context>
    <name>Findings</name>
    <message>
        <location filename="../../safedesk/gui/findings.py" line="-95"/>
        <source>Note</source>
        <translation>Nodyn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warning</source>
        <translation>Rhybudd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Blocked</source>
        <translation>Wedi’i rwystro</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>part {number} of the thread</source>
        <translation>rhan {number} o’r edefyn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the alt text of image {number}</source>
        <translation>testun amgen delwedd {number}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the content warning</source>
        <translation>y rhybudd cynnwys</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the link card</source>
        <translation>y cerdyn dolen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the shared post</source>
        <translation>y postiad a rennir</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the text in the second language</source>
        <translation>y testun yn yr ail iaith</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the content warning in the second language</source>
        <translation>y rhybudd cynnwys yn yr ail iaith</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>the alt text of image {number} in the second language</source>
        <translation>testun amgen delwedd {number} yn yr ail iaith</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>the text</source>
        <translation>y testun</translation>
    </message>
</context>
<context>
    <name>FindingsList</name>
    <message>
        <location line="+19"/>
        <source>Safety checks</source>
        <translation>Gwiriadau diogelwch</translation>
    </message>
</context>
<context>
    <name>FirstPersonDialog</name>
    <message>
        <location filename="../../safedesk/gui/people_dialogs.py" line="-64"/>
        <source>Welcome to SafeDesk</source>
        <translation>Croeso i SafeDesk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Who are you? You will be this machine&apos;s first admin. Add colleagues later: official posts need a second person to approve them.</source>
        <translation>Pwy ydych chi? Chi fydd gweinyddwr cyntaf y peiriant hwn. Ychwanegwch gydweithwyr wedyn: mae angen ail berson i gymeradwyo postiadau swyddogol.</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+11"/>
        <source>Your name</source>
        <translation>Eich enw</translation>
    </message>
    <message>
        <location line="-8"/>
        <location line="+9"/>
        <source>Passphrase</source>
        <translation>Cyfrinymadrodd</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Passphrase again</source>
        <translation>Y cyfrinymadrodd eto</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Again</source>
        <translation>Eto</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The two passphrases differ.</source>
        <translation>Mae’r ddau gyfrinymadrodd yn wahanol.</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <location filename="../../safedesk/gui/history.py" line="+50"/>
        <source>Time</source>
        <translation>Amser</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Account</source>
        <translation>Cyfrif</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Platform</source>
        <translation>Platfform</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>Cyflwr</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Text</source>
        <translation>Testun</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Link</source>
        <translation>Dolen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>pending</source>
        <translation>yn aros</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>published</source>
        <translation>wedi’i gyhoeddi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failed</source>
        <translation>wedi methu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unknown</source>
        <translation>anhysbys</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>deleted</source>
        <translation>wedi’i ddileu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>corrected</source>
        <translation>wedi’i gywiro</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>{languages}: {welsh} / {english}</source>
        <translation>{languages}: {welsh} / {english}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Welsh: {welsh}
English: {english}</source>
        <translation>Cymraeg: {welsh}
Saesneg: {english}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>(no text)</source>
        <translation>(dim testun)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{state} — block overridden by {approver}: “{reason}”</source>
        <translation>{state} — {approver} wedi diystyru’r rhwystr: “{reason}”</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Personal history</source>
        <translation>Hanes personol</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Official history</source>
        <translation>Hanes swyddogol</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open link</source>
        <translation>Agor y ddolen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reply to this…</source>
        <translation>Ateb hwn…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Correct…</source>
        <translation>Cywiro…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apologise…</source>
        <translation>Ymddiheuro…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retract…</source>
        <translation>Tynnu’n ôl…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Correct a post by link…</source>
        <translation>Cywiro postiad drwy ei ddolen…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>History message</source>
        <translation>Neges yr hanes</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>The history could not be read: {reason}</source>
        <translation>Methu darllen yr hanes: {reason}</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Choose a post in the list first.</source>
        <translation>Dewiswch bostiad yn y rhestr yn gyntaf.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Undo share…</source>
        <translation>Dadwneud y rhannu…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Choose a boost, repost or quote in the list first.</source>
        <translation>Dewiswch hwb, ailbostiad neu ddyfyniad yn y rhestr yn gyntaf.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The share is undone on every account. It is recorded as an incident.</source>
        <translation>Mae’r rhannu wedi’i ddadwneud ar bob cyfrif. Caiff ei gofnodi fel digwyddiad.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The share is not undone on every account: retry it from Settings, Incidents.</source>
        <translation>Nid yw’r rhannu wedi’i ddadwneud ar bob cyfrif: rhowch gynnig arall arni o Gosodiadau, Digwyddiadau.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The share comes down once your words are out. It is recorded as an incident.</source>
        <translation>Daw’r rhannu i lawr pan fydd eich geiriau allan. Caiff ei gofnodi fel digwyddiad.</translation>
    </message>
</context>
<context>
    <name>ImageStrip</name>
    <message>
        <location filename="../../safedesk/gui/compose_images.py" line="+49"/>
        <source>Images</source>
        <translation>Delweddau</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add image…</source>
        <translation>Ychwanegu delwedd…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit alt text…</source>
        <translation>Golygu’r testun amgen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove image</source>
        <translation>Tynnu’r ddelwedd</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use a still of the first frame</source>
        <translation>Defnyddio llun llonydd o’r ffrâm gyntaf</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replaces each animated image with a still of its first frame, for every account in this post.</source>
        <translation>Yn rhoi llun llonydd o’i ffrâm gyntaf yn lle pob delwedd animeiddiedig, i bob cyfrif yn y postiad hwn.</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>no alt text yet</source>
        <translation>dim testun amgen eto</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{name} (animated): {alt}</source>
        <translation>{name} (animeiddiedig): {alt}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name}: {alt}</source>
        <translation>{name}: {alt}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{name}: adding…</source>
        <translation>{name}: wrthi’n ychwanegu…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Checking {name}…</source>
        <translation>Wrthi’n gwirio {name}…</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>{name} could not be checked ({kind}).</source>
        <translation>Methu gwirio {name} ({kind}).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Image not added: {reason}</source>
        <translation>Heb ychwanegu’r ddelwedd: {reason}</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Every account now gets a still of the first frame of {names}.</source>
        <translation>Bydd pob cyfrif bellach yn cael llun llonydd o ffrâm gyntaf {names}.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No still made: {reason}</source>
        <translation>Heb wneud llun llonydd: {reason}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Choose an image</source>
        <translation>Dewiswch ddelwedd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Images ({patterns})</source>
        <translation>Delweddau ({patterns})</translation>
    </message>
</context>
<context>
    <name>Inactive</name>
    <message>
        <location filename="../../safedesk/gui/inactive.py" line="+19"/>
        <source>In use</source>
        <translation>Yn cael ei ddefnyddio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not in use: click or Tab into it</source>
        <translation>Heb ei ddefnyddio: cliciwch neu symudwch iddo â Tab</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not in use. Keys act on the other pane until you move into this one.</source>
        <translation>Heb ei ddefnyddio. Mae’r bysellau’n gweithio ar y paen arall nes i chi symud i’r un hwn.</translation>
    </message>
</context>
<context>
    <name>IncidentsTab</name>
    <message>
        <location filename="../../safedesk/gui/incidents_tab.py" line="+37"/>
        <source>Markdown (*.md);;JSON (*.json)</source>
        <translation>Markdown (*.md);;JSON (*.json)</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Recent corrections, apologies and retractions, newest first. Choose one to read its report; save it as Markdown or JSON for an HR or FOI request.</source>
        <translation>Cywiriadau, ymddiheuriadau a thynnu’n ôl diweddar, y diweddaraf yn gyntaf. Dewiswch un i ddarllen ei adroddiad; cadwch ef fel Markdown neu JSON ar gyfer cais AD neu Ryddid Gwybodaeth.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Recent incidents</source>
        <translation>Digwyddiadau diweddar</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Incident report</source>
        <translation>Adroddiad y digwyddiad</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Incidents message</source>
        <translation>Neges y digwyddiadau</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Save as…</source>
        <translation>&amp;Cadw fel…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the incident report as a file</source>
        <translation>Cadw adroddiad y digwyddiad fel ffeil</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Adnewyddu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refresh the list of incidents</source>
        <translation>Adnewyddu’r rhestr o ddigwyddiadau</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>No incidents yet.</source>
        <translation>Dim digwyddiadau eto.</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Save the incident report</source>
        <translation>Cadw adroddiad y digwyddiad</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Could not save the report: {reason}</source>
        <translation>Doedd dim modd cadw’r adroddiad: {reason}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Saved the report to {path}.</source>
        <translation>Cadwyd yr adroddiad yn {path}.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>someone no longer here</source>
        <translation>rhywun nad yw yma mwyach</translation>
    </message>
</context>
<context>
    <name>Launch</name>
    <message>
        <location filename="../../safedesk/gui/launch.py" line="+145"/>
        <source>SafeDesk cannot start</source>
        <translation>Ni all SafeDesk gychwyn</translation>
    </message>
</context>
<context>
    <name>LinkCardPanel</name>
    <message>
        <location filename="../../safedesk/gui/link_card.py" line="+29"/>
        <source>Link card removed. It stays off while the post links there.</source>
        <translation>Cerdyn dolen wedi’i dynnu. Bydd yn aros i ffwrdd tra bo’r postiad yn cysylltu yno.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Link card</source>
        <translation>Cerdyn dolen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove link card</source>
        <translation>Tynnu’r cerdyn dolen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Posts the link without a card; Bluesky then shows the link only.</source>
        <translation>Yn postio’r ddolen heb gerdyn; bydd Bluesky wedyn yn dangos y ddolen yn unig.</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Reading the link card from {host}…</source>
        <translation>Yn darllen y cerdyn dolen o {host}…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>No link card: an unexpected error ({kind}).</source>
        <translation>Dim cerdyn dolen: gwall annisgwyl ({kind}).</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Link card added: {card}</source>
        <translation>Cerdyn dolen wedi’i ychwanegu: {card}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No link in the post.</source>
        <translation>Dim dolen yn y postiad.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Mastodon servers make their own link card from the page; SafeDesk sends none.</source>
        <translation>Mae gweinyddion Mastodon yn gwneud eu cerdyn dolen eu hunain o’r dudalen; dydy SafeDesk ddim yn anfon un.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Link card not sent: a Bluesky post carries one attachment, and the images come first.</source>
        <translation>Cerdyn dolen heb ei anfon: mae postiad Bluesky yn cario un atodiad, a’r delweddau sy’n dod gyntaf.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>[link card: {card}]</source>
        <translation>[cerdyn dolen: {card}]</translation>
    </message>
</context>
<context>
    <name>LinkFinder</name>
    <message>
        <location filename="../../safedesk/gui/correction_link.py" line="+33"/>
        <source>Link to a post by one of the official accounts</source>
        <translation>Dolen i bostiad gan un o’r cyfrifon swyddogol</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Link to a post by one of the personal accounts</source>
        <translation>Dolen i bostiad gan un o’r cyfrifon personol</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>https://server/@name/1234 or https://bsky.app/profile/name/post/…</source>
        <translation>https://gweinydd/@enw/1234 neu https://bsky.app/profile/enw/post/…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Find this post</source>
        <translation>Dod o hyd i’r postiad hwn</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Message about the link</source>
        <translation>Neges am y ddolen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Link</source>
        <translation>Dolen</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Paste the link of the post first.</source>
        <translation>Gludwch ddolen y postiad yn gyntaf.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Looking the post up…</source>
        <translation>Yn chwilio am y postiad…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Found it: it is selected in the list. Choose Correct, Apologise or Retract.</source>
        <translation>Wedi dod o hyd iddo: mae wedi’i ddewis yn y rhestr. Dewiswch Cywiro, Ymddiheuro neu Tynnu’n ôl.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>looking the post up</source>
        <translation>chwilio am y postiad</translation>
    </message>
</context>
<context>
    <name>LoadingPage</name>
    <message>
        <location filename="../../safedesk/gui/lazy_tabs.py" line="+28"/>
        <source>Loading {what}…</source>
        <translation>Yn llwytho {what}…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{what} loading</source>
        <translation>{what}: yn llwytho</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../safedesk/gui/main_window.py" line="+94"/>
        <source>Signed in as {name} ({role}) on the team server {server}</source>
        <translation>Wedi mewngofnodi fel {name} ({role}) ar weinydd y tîm {server}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Signed in as {name} ({role})</source>
        <translation>Wedi mewngofnodi fel {name} ({role})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Who is using SafeDesk</source>
        <translation>Pwy sy’n defnyddio SafeDesk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Data: {folder}</source>
        <translation>Data: {folder}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Where SafeDesk keeps its data</source>
        <translation>Ble mae SafeDesk yn cadw ei ddata</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>SafeDesk could not finish earlier posts: {error}</source>
        <translation>Ni allai SafeDesk orffen postiadau cynharach: {error}</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>&amp;SafeDesk</source>
        <translation>&amp;SafeDesk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Settings…</source>
        <translation>&amp;Gosodiadau…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Quit</source>
        <translation>G&amp;adael</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Help</source>
        <translation>&amp;Cymorth</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About SafeDesk</source>
        <translation>&amp;Ynghylch SafeDesk</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>About &amp;Qt</source>
        <translation>Ynghylch &amp;Qt</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>This desk works as your own login on the team server: colleagues use SafeDesk on their own desks.</source>
        <translation>Mae’r ddesg hon yn gweithio fel eich mewngofnod eich hun ar weinydd y tîm: mae cydweithwyr yn defnyddio SafeDesk ar eu desgiau eu hunain.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>You are the only person in SafeDesk. Add colleagues in {where}.</source>
        <translation>Chi yw’r unig berson yn SafeDesk. Ychwanegwch gydweithwyr yn {where}.</translation>
    </message>
</context>
<context>
    <name>ManagedSettings</name>
    <message>
        <location filename="../../safedesk/gui/managed_marks.py" line="+15"/>
        <source>Set by your organisation&apos;s IT department</source>
        <translation>Wedi’i osod gan adran TG eich sefydliad</translation>
    </message>
</context>
<context>
    <name>MentionCompletion</name>
    <message>
        <location filename="../../safedesk/gui/mention_completion.py" line="+62"/>
        <source>Suggestions</source>
        <translation>Awgrymiadau</translation>
    </message>
</context>
<context>
    <name>NoticeBanner</name>
    <message>
        <location filename="../../safedesk/gui/banners.py" line="+45"/>
        <source>Notice</source>
        <translation>Hysbysiad</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Dismiss</source>
        <translation>Cau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dismiss the notice</source>
        <translation>Cau’r hysbysiad</translation>
    </message>
</context>
<context>
    <name>PairEditor</name>
    <message>
        <location filename="../../safedesk/gui/compose_pair.py" line="+72"/>
        <source>Bilingual (Cymraeg + English)</source>
        <translation>Dwyieithog (Cymraeg + Saesneg)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Official post in Welsh and English</source>
        <translation>Postiad swyddogol yn Gymraeg ac yn Saesneg</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Personal post in Welsh and English</source>
        <translation>Postiad personol yn Gymraeg ac yn Saesneg</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write the post in Welsh and in English: one approval covers both, and they go out together.</source>
        <translation>Ysgrifennwch y postiad yn Gymraeg ac yn Saesneg: mae un gymeradwyaeth yn cynnwys y ddwy iaith, ac maen nhw’n mynd allan gyda’i gilydd.</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>The same post, in the other language</source>
        <translation>Yr un postiad, yn yr iaith arall</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Content warning (optional)</source>
        <translation>Rhybudd cynnwys (dewisol)</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Remove the second language?</source>
        <translation>Tynnu’r ail iaith?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This removes the {language} text, warning and alt texts from the post.</source>
        <translation>Mae hyn yn tynnu’r testun {language}, ei rybudd a’i destunau amgen o’r postiad.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Remove the {language}</source>
        <translation>Tynnu’r {language}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keep it</source>
        <translation>Ei gadw</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>{action}, in Welsh and English</source>
        <translation>{action}, yn Gymraeg ac yn Saesneg</translation>
    </message>
</context>
<context>
    <name>PairStyles</name>
    <message>
        <location filename="../../safedesk/gui/pair_styles.py" line="+23"/>
        <source>Two posts, one per language</source>
        <translation>Dau bostiad, un ym mhob iaith</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One post holding both</source>
        <translation>Un postiad â’r ddwy iaith</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Welsh first</source>
        <translation>Cymraeg yn gyntaf</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>English first</source>
        <translation>Saesneg yn gyntaf</translation>
    </message>
</context>
<context>
    <name>PairStylesSection</name>
    <message>
        <location line="+14"/>
        <source>No official accounts yet.</source>
        <translation>Does dim cyfrifon swyddogol eto.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>How {account} publishes a bilingual post</source>
        <translation>Sut mae {account} yn cyhoeddi postiad dwyieithog</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Which language {account} publishes first</source>
        <translation>Pa iaith mae {account} yn ei chyhoeddi gyntaf</translation>
    </message>
</context>
<context>
    <name>PairText</name>
    <message>
        <location filename="../../safedesk/gui/pair_text.py" line="+47"/>
        <source>Welsh</source>
        <translation>Cymraeg</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>English</source>
        <translation>Saesneg</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Welsh text</source>
        <translation>Testun Cymraeg</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>English text</source>
        <translation>Testun Saesneg</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Welsh warning</source>
        <translation>Rhybudd Cymraeg</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>English warning</source>
        <translation>Rhybudd Saesneg</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Describe the image in Welsh</source>
        <translation>Disgrifiwch y ddelwedd yn Gymraeg</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Describe the image in English</source>
        <translation>Disgrifiwch y ddelwedd yn Saesneg</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>One post, in both languages:</source>
        <translation>Un postiad, yn y ddwy iaith:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Both languages do not fit in one post on this account: it goes out as two posts.</source>
        <translation>Dydy’r ddwy iaith ddim yn ffitio mewn un postiad ar y cyfrif hwn: mae’n mynd allan fel dau bostiad.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Two posts, published together:</source>
        <translation>Dau bostiad, wedi’u cyhoeddi gyda’i gilydd:</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Warning: {warning}</source>
        <translation>Rhybudd: {warning}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>(no text)</source>
        <translation>(dim testun)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no alt text</source>
        <translation>dim testun amgen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Image {number}: {alt}</source>
        <translation>Delwedd {number}: {alt}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Bilingual post: one approval covers both languages.</source>
        <translation>Postiad dwyieithog: mae un gymeradwyaeth yn cynnwys y ddwy iaith.</translation>
    </message>
</context>
<context>
    <name>PaneBand</name>
    <message>
        <location filename="../../safedesk/gui/pane.py" line="+90"/>
        <source>Personal pane icon</source>
        <translation>Eicon y paen personol</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Official pane icon</source>
        <translation>Eicon y paen swyddogol</translation>
    </message>
</context>
<context>
    <name>PaneColourRow</name>
    <message>
        <location filename="../../safedesk/gui/settings_dialog.py" line="+73"/>
        <source>Personal pane colour</source>
        <translation>Lliw’r paen personol</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Official pane colour</source>
        <translation>Lliw’r paen swyddogol</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Personal band text contrast</source>
        <translation>Cyferbyniad testun band y paen personol</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Official band text contrast</source>
        <translation>Cyferbyniad testun band y paen swyddogol</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Change…</source>
        <translation>Newid…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change the personal pane colour</source>
        <translation>Newid lliw’r paen personol</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change the official pane colour</source>
        <translation>Newid lliw’r paen swyddogol</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset to default</source>
        <translation>Yn ôl i’r rhagosodiad</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Why the personal pane colour cannot be changed</source>
        <translation>Pam na ellir newid lliw’r paen personol</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Why the official pane colour cannot be changed</source>
        <translation>Pam na ellir newid lliw’r paen swyddogol</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reset the personal pane colour to its default</source>
        <translation>Rhoi lliw rhagosodedig y paen personol yn ôl</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reset the official pane colour to its default</source>
        <translation>Rhoi lliw rhagosodedig y paen swyddogol yn ôl</translation>
    </message>
</context>
<context>
    <name>PaneNames</name>
    <message>
        <location filename="../../safedesk/gui/pane_names.py" line="+54"/>
        <source>personal</source>
        <translation>personol</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>official</source>
        <translation>swyddogol</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name} (personal pane)</source>
        <translation>{name} (paen personol)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name} (official pane)</source>
        <translation>{name} (paen swyddogol)</translation>
    </message>
    <message>
        <location filename="../../safedesk/gui/compose_pair.py" line="-127"/>
        <location filename="../../safedesk/gui/pane_names.py" line="+1"/>
        <source>Personal {name}</source>
        <translation>{name} (personol)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../safedesk/gui/pane_names.py" line="+1"/>
        <source>Official {name}</source>
        <translation>{name} (swyddogol)</translation>
    </message>
</context>
<context>
    <name>PaneStyle</name>
    <message>
        <location filename="../../safedesk/gui/theme.py" line="+89"/>
        <source>Personal</source>
        <translation>Personol</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your own accounts. Posts go out when you press Post.</source>
        <translation>Eich cyfrifon eich hun. Mae postiadau’n mynd allan pan fyddwch yn pwyso Postio.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No personal accounts yet</source>
        <translation>Dim cyfrifon personol eto</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Official</source>
        <translation>Swyddogol</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Organisation accounts. Every post needs a second person&apos;s approval.</source>
        <translation>Cyfrifon y sefydliad. Mae angen cymeradwyaeth ail berson ar bob postiad.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No official accounts yet — official posts need a second person to approve them</source>
        <translation>Dim cyfrifon swyddogol eto — mae angen ail berson i gymeradwyo postiadau swyddogol</translation>
    </message>
</context>
<context>
    <name>PaneSwitch</name>
    <message>
        <location filename="../../safedesk/gui/pane_switch.py" line="+28"/>
        <source>Which pane is shown</source>
        <translation>Pa baen sy’n cael ei ddangos</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Personal pane</source>
        <translation>Paen personol</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Official pane</source>
        <translation>Paen swyddogol</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show the personal pane ({keys})</source>
        <translation>Dangos y paen personol ({keys})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the official pane ({keys})</source>
        <translation>Dangos y paen swyddogol ({keys})</translation>
    </message>
</context>
<context>
    <name>PaneWidget</name>
    <message>
        <location filename="../../safedesk/gui/pane.py" line="+69"/>
        <source>Personal pane</source>
        <translation>Paen personol</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Official pane</source>
        <translation>Paen swyddogol</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Personal pane sections</source>
        <translation>Adrannau’r paen personol</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Official pane sections</source>
        <translation>Adrannau’r paen swyddogol</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Compose</source>
        <translation>Ysgrifennu</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>History</source>
        <translation>Hanes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the history</source>
        <translation>yr hanes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accounts</source>
        <translation>Cyfrifon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the accounts</source>
        <translation>y cyfrifon</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Personal unsent drafts</source>
        <translation>Drafftiau personol heb eu hanfon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Official unsent drafts</source>
        <translation>Drafftiau swyddogol heb eu hanfon</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Queue</source>
        <translation>Ciw</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the queue</source>
        <translation>y ciw</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>My submissions</source>
        <translation>Fy nghyflwyniadau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>your submissions</source>
        <translation>eich cyflwyniadau</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+9"/>
        <source>Scheduled</source>
        <translation>Wedi’u hamserlennu</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Scheduled ({count})</source>
        <translation>Wedi’u hamserlennu ({count})</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Queue ({count})</source>
        <translation>Ciw ({count})</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>Add an official account…</source>
        <translation>Ychwanegu cyfrif swyddogol…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a personal account…</source>
        <translation>Ychwanegu cyfrif personol…</translation>
    </message>
    <message>
        <location line="+112"/>
        <source>Unsent drafts could not be read: {error}</source>
        <translation>Nid oedd modd darllen y drafftiau heb eu hanfon: {error}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>New draft</source>
        <translation>Drafft newydd</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>share of {author}&apos;s post</source>
        <translation>rhannu neges {author}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>(empty)</source>
        <translation>(gwag)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unsent draft, {when}: {first} ({waiting})</source>
        <translation>Drafft heb ei anfon, {when}: {first} ({waiting})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unsent draft, {when}: {first}</source>
        <translation>Drafft heb ei anfon, {when}: {first}</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Not submitted: {error}</source>
        <translation>Heb ei gyflwyno: {error}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Submitted for approval. A second person must approve exactly this post before it is published; any change from now on needs their approval again.</source>
        <translation>Wedi’i gyflwyno i’w gymeradwyo. Rhaid i ail berson gymeradwyo’r union bostiad hwn cyn ei gyhoeddi; bydd angen eu cymeradwyaeth eto ar unrhyw newid o hyn ymlaen.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Not scheduled: {error}</source>
        <translation>Heb ei amserlennu: {error}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Scheduled for {when}. SafeDesk publishes it then (if it is closed at that time, as soon as it next starts). Change or cancel it under Scheduled.</source>
        <translation>Wedi’i amserlennu ar gyfer {when}. Bydd SafeDesk yn ei gyhoeddi bryd hynny (os yw ar gau ar y pryd, cyn gynted ag y bydd yn cychwyn nesaf). Gallwch ei newid neu ei ganslo o dan Wedi’u hamserlennu.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Scheduled. SafeDesk publishes it then (if it is closed at that time, as soon as it next starts). Change or cancel it under Scheduled.</source>
        <translation>Wedi’i amserlennu. Bydd SafeDesk yn ei gyhoeddi bryd hynny (os yw ar gau ar y pryd, cyn gynted ag y bydd yn cychwyn nesaf). Gallwch ei newid neu ei ganslo o dan Wedi’u hamserlennu.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Not copied: {error}</source>
        <translation>Heb ei gopïo: {error}</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <location filename="../../safedesk/gui/people_dialogs.py" line="+173"/>
        <source>Reset {name}&apos;s passphrase</source>
        <translation>Ailosod cyfrinymadrodd {name}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give {name} this passphrase. They choose their own when they next sign in.</source>
        <translation>Rhowch y cyfrinymadrodd hwn i {name}. Byddan nhw’n dewis eu cyfrinymadrodd eu hunain pan fyddan nhw’n mewngofnodi nesaf.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose a new passphrase</source>
        <translation>Dewiswch gyfrinymadrodd newydd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An admin reset {name}&apos;s passphrase. Choose your own to carry on.</source>
        <translation>Mae gweinyddwr wedi ailosod cyfrinymadrodd {name}. Dewiswch eich un eich hun i barhau.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Change your passphrase</source>
        <translation>Newid eich cyfrinymadrodd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A new passphrase for {name}.</source>
        <translation>Cyfrinymadrodd newydd i {name}.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Current passphrase</source>
        <translation>Cyfrinymadrodd presennol</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New passphrase</source>
        <translation>Cyfrinymadrodd newydd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New passphrase again</source>
        <translation>Y cyfrinymadrodd newydd eto</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Current passphrase</source>
        <translation>Cyfrinymadrodd &amp;presennol</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New passphrase</source>
        <translation>Cyfrinymadrodd &amp;newydd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Again</source>
        <translation>E&amp;to</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The two passphrases differ.</source>
        <translation>Mae’r ddau gyfrinymadrodd yn wahanol.</translation>
    </message>
</context>
<context>
    <name>PersonToolBar</name>
    <message>
        <location filename="../../safedesk/gui/person_bar.py" line="+35"/>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Who is using SafeDesk</source>
        <translation>Pwy sy’n defnyddio SafeDesk</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Team: {server} as {name} ({role})</source>
        <translation>Tîm: {server} fel {name} ({role})</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Signed in as {name} ({role})</source>
        <translation>Wedi mewngofnodi fel {name} ({role})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Switch person…</source>
        <translation>Newid person…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sign in as someone else ({keys}). Your unsent drafts are kept.</source>
        <translation>Mewngofnodi fel rhywun arall ({keys}). Mae eich drafftiau heb eu hanfon yn cael eu cadw.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Switch person</source>
        <translation>Newid person</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>live updates on</source>
        <translation>diweddariadau byw ymlaen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>live updates paused, reconnecting</source>
        <translation>diweddariadau byw wedi’u hoedi, yn ailgysylltu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>connecting for live updates</source>
        <translation>yn cysylltu ar gyfer diweddariadau byw</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Colleagues&apos; changes appear here as they happen.</source>
        <translation>Mae newidiadau cydweithwyr yn ymddangos yma wrth iddyn nhw ddigwydd.</translation>
    </message>
</context>
<context>
    <name>PictureRow</name>
    <message>
        <location filename="../../safedesk/gui/shared_pictures.py" line="+79"/>
        <source>The pictures of the post to share</source>
        <translation>Lluniau&apos;r neges i&apos;w rhannu</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Fetching the pictures to show them…</source>
        <translation>Yn nôl y lluniau i&apos;w dangos…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The pictures could not be fetched. Open the post&apos;s link to see them.</source>
        <translation>Doedd dim modd nôl y lluniau. Agorwch ddolen y neges i&apos;w gweld.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>no alt text</source>
        <translation>dim testun amgen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Image {number}: {alt}</source>
        <translation>Delwedd {number}: {alt}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Image {number} cannot be shown: {why}</source>
        <translation>Does dim modd dangos delwedd {number}: {why}</translation>
    </message>
</context>
<context>
    <name>PolicyTab</name>
    <message>
        <location filename="../../safedesk/gui/policy_tab.py" line="+59"/>
        <source>Name</source>
        <translation>Enw</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Start (YYYY-MM-DD)</source>
        <translation>Dechrau (BBBB-MM-DD)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>End (YYYY-MM-DD)</source>
        <translation>Diwedd (BBBB-MM-DD)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Terms (comma-separated)</source>
        <translation>Termau (wedi’u gwahanu gan goma)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Organisation names</source>
        <translation>Enwau’r sefydliad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Organisation handles</source>
        <translation>Dolenni’r sefydliad (handles)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Organisation hashtags</source>
        <translation>Hashnodau’r sefydliad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Political terms (parties, candidates, “vote for”)</source>
        <translation>Termau gwleidyddol (pleidiau, ymgeiswyr, “pleidleisiwch dros”)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Default (its own severities)</source>
        <translation>Rhagosodiad (ei ddifrifoldeb ei hun)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Off</source>
        <translation>I ffwrdd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Info</source>
        <translation>Gwybodaeth</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warn</source>
        <translation>Rhybuddio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Block</source>
        <translation>Rhwystro</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>alt_text</source>
        <translation>testun amgen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>election</source>
        <translation>cyfnod etholiad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>hack_claim</source>
        <translation>honiadau o hacio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>hashtags</source>
        <translation>hashnodau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>hidden_text</source>
        <translation>testun cudd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>links</source>
        <translation>dolenni</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>party_politics</source>
        <translation>gwleidyddiaeth plaid</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>politically_restricted</source>
        <translation>swyddi dan gyfyngiad gwleidyddol</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>profanity</source>
        <translation>rhegfeydd a sarhad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>wrong_pane</source>
        <translation>paen anghywir</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>What the safety checks know about the organisation. One entry per line in each list. Changes apply to every check once saved, and each save is recorded in the audit log.</source>
        <translation>Yr hyn y mae’r gwiriadau diogelwch yn ei wybod am y sefydliad. Un cofnod ar bob llinell ym mhob rhestr. Mae newidiadau’n berthnasol i bob gwiriad ar ôl eu cadw, a chaiff pob cadw ei gofnodi yn y log archwilio.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>What the safety checks know about the organisation. Only an admin can change these settings.</source>
        <translation>Yr hyn y mae’r gwiriadau diogelwch yn ei wybod am y sefydliad. Dim ond gweinyddwr all newid y gosodiadau hyn.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Who can change the policy settings</source>
        <translation>Pwy all newid gosodiadau’r polisi</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Policy settings message</source>
        <translation>Neges gosodiadau’r polisi</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Save policy settings</source>
        <translation>&amp;Cadw gosodiadau’r polisi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the policy settings</source>
        <translation>Cadw gosodiadau’r polisi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Reload</source>
        <translation>Ail-&amp;lwytho</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reload the saved policy settings (drops edits)</source>
        <translation>Ail-lwytho’r gosodiadau polisi a gadwyd (mae’n dileu golygiadau)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Election periods (both days included):</source>
        <translation>Cyfnodau etholiad (gan gynnwys y ddau ddiwrnod):</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rule levels:</source>
        <translation>Lefelau’r rheolau:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bilingual posts (Welsh and English), on each official account:</source>
        <translation>Postiadau dwyieithog (Cymraeg a Saesneg), ar bob cyfrif swyddogol:</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Watched party and candidate accounts (addresses such as @name@server or @name.bsky.social)</source>
        <translation>Cyfrifon pleidiau ac ymgeiswyr sy’n cael eu gwylio (cyfeiriadau fel @enw@gweinydd neu @enw.bsky.social)</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Election periods</source>
        <translation>Cyfnodau etholiad</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Add period</source>
        <translation>&amp;Ychwanegu cyfnod</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add an election period</source>
        <translation>Ychwanegu cyfnod etholiad</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Remove period</source>
        <translation>Tynnu cyfnod</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Remove the chosen election period</source>
        <translation>Tynnu’r cyfnod etholiad a ddewiswyd</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Why the election periods cannot be changed</source>
        <translation>Pam na ellir newid y cyfnodau etholiad</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Level of the {rule} rule</source>
        <translation>Lefel y rheol {rule}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This rule cannot be changed: hidden text on an official post always blocks it.</source>
        <translation>Ni ellir newid y rheol hon: mae testun cudd mewn postiad swyddogol bob amser yn ei rwystro.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{rule} (cannot be changed)</source>
        <translation>{rule} (ni ellir ei newid)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>No policy settings are saved yet: the built-in rules apply.</source>
        <translation>Does dim gosodiadau polisi wedi’u cadw eto: y rheolau adeiledig sy’n berthnasol.</translation>
    </message>
    <message>
        <location line="+74"/>
        <location line="+33"/>
        <source>Not saved: {error}</source>
        <translation>Heb ei gadw: {error}</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>Saving…</source>
        <translation>Yn cadw…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Nothing changed: the saved settings already say that.</source>
        <translation>Dim newid: mae’r gosodiadau a gadwyd yn dweud hynny’n barod.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Saved (version {version}): {changes}.</source>
        <translation>Wedi’i gadw (fersiwn {version}): {changes}.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Not saved: {error} What you typed is still here: copy what you need, press Reload to see the saved settings, and make your change there.</source>
        <translation>Heb ei gadw: {error} Mae’r hyn a deipiwyd gennych yma o hyd: copïwch yr hyn sydd ei angen arnoch, pwyswch Ail-lwytho i weld y gosodiadau a gadwyd, a gwnewch eich newid yno.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The settings may not have been saved: SafeDesk could not finish this ({kind}). Press Reload to see what is saved.</source>
        <translation>Efallai na chafodd y gosodiadau eu cadw: doedd SafeDesk ddim yn gallu gorffen hyn ({kind}). Pwyswch Ail-lwytho i weld beth sydd wedi’i gadw.</translation>
    </message>
</context>
<context>
    <name>PreapproveDialog</name>
    <message>
        <location filename="../../safedesk/gui/templates_tab.py" line="+72"/>
        <source>Pre-approve — confirm with your passphrase</source>
        <translation>Rhag-gymeradwyo — cadarnhewch gyda’ch cyfrinymadrodd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pre-approve a template</source>
        <translation>Rhag-gymeradwyo templed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>You are pre-approving exactly these words. A correction that uses them unchanged can be published without waiting for an approver.</source>
        <translation>Rydych chi’n rhag-gymeradwyo’r union eiriau hyn. Gellir cyhoeddi cywiriad sy’n eu defnyddio heb eu newid heb aros am gymeradwywr.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Template being pre-approved</source>
        <translation>Y templed sy’n cael ei rag-gymeradwyo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Version (SHA-256 of the text)</source>
        <translation>Fersiwn (SHA-256 y testun)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Full text being pre-approved</source>
        <translation>Y testun llawn sy’n cael ei rag-gymeradwyo</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{name}&apos;s passphrase</source>
        <translation>Cyfrinymadrodd {name}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Message</source>
        <translation>Neges</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Template</source>
        <translation>Templed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Version</source>
        <translation>Fersiwn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Text</source>
        <translation>Testun</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name}&apos;s &amp;passphrase</source>
        <translation>&amp;Cyfrinymadrodd {name}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancel pre-approval</source>
        <translation>Canslo’r rhag-gymeradwyo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Canslo</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+22"/>
        <source>Pre-approve</source>
        <translation>Rhag-gymeradwyo</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>Pre-approve this version</source>
        <translation>Rhag-gymeradwyo’r fersiwn hon</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Enter your passphrase to sign this version.</source>
        <translation>Rhowch eich cyfrinymadrodd i lofnodi’r fersiwn hon.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Working…</source>
        <translation>Wrthi…</translation>
    </message>
</context>
<context>
    <name>PublishProgress</name>
    <message>
        <location filename="../../safedesk/gui/progress.py" line="+33"/>
        <source>Retry failed accounts</source>
        <translation>Ceisio eto ar gyfer y cyfrifon a fethodd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit and retry</source>
        <translation>Golygu a cheisio eto</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Sending…</source>
        <translation>Yn anfon…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{address}: sending…</source>
        <translation>{address}: yn anfon…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>✔ {address}: published — &lt;a href=&quot;{link}&quot;&gt;{link}&lt;/a&gt;</source>
        <translation>✔ {address}: wedi’i gyhoeddi — &lt;a href=&quot;{link}&quot;&gt;{link}&lt;/a&gt;</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>? {address}: not known whether it went out — {error}</source>
        <translation>? {address}: ddim yn gwybod a aeth allan — {error}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{address}: not known whether it went out.</source>
        <translation>{address}: ddim yn gwybod a aeth allan.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>✘ {address}: not published — {error}</source>
        <translation>✘ {address}: heb ei gyhoeddi — {error}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{address}: not published. {error}</source>
        <translation>{address}: heb ei gyhoeddi. {error}</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Not sent.</source>
        <translation>Heb ei anfon.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not sent. {error}</source>
        <translation>Heb ei anfon. {error}</translation>
    </message>
</context>
<context>
    <name>QGnomeTheme</name>
    <message>
        <location filename="../../safedesk/gui/qt_words.py" line="+38"/>
        <source>&amp;OK</source>
        <translation>&amp;Iawn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Save</source>
        <translation>&amp;Cadw</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Cancel</source>
        <translation>Ca&amp;nslo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Close</source>
        <translation>C&amp;au</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close without Saving</source>
        <translation>Cau heb Gadw</translation>
    </message>
</context>
<context>
    <name>QLineEdit</name>
    <message>
        <location line="+5"/>
        <source>&amp;Undo</source>
        <translation>&amp;Dadwneud</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Redo</source>
        <translation>&amp;Ailwneud</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cu&amp;t</source>
        <translation>&amp;Torri</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Copy</source>
        <translation>&amp;Copïo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Paste</source>
        <translation>&amp;Gludo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete</source>
        <translation>Dileu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select All</source>
        <translation>Dewis Popeth</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <location line="-37"/>
        <source>OK</source>
        <translation>Iawn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save</source>
        <translation>Cadw</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save All</source>
        <translation>Cadw’r Cyfan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open</source>
        <translation>Agor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Yes</source>
        <translation>&amp;Ie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Yes to &amp;All</source>
        <translation>Ie i’r &amp;cyfan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;No</source>
        <translation>&amp;Na</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>N&amp;o to All</source>
        <translation>Na i’r cyf&amp;an</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Abort</source>
        <translation>Terfynu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retry</source>
        <translation>Ceisio eto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ignore</source>
        <translation>Anwybyddu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>Cau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Canslo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discard</source>
        <translation>Gwaredu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Help</source>
        <translation>Cymorth</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apply</source>
        <translation>Gweithredu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset</source>
        <translation>Ailosod</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restore Defaults</source>
        <translation>Adfer y Rhagosodiadau</translation>
    </message>
</context>
<context>
    <name>QTabBar</name>
    <message>
        <location line="+34"/>
        <source>Scroll Left</source>
        <translation>Sgrolio i’r chwith</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scroll Right</source>
        <translation>Sgrolio i’r dde</translation>
    </message>
</context>
<context>
    <name>QWidgetTextControl</name>
    <message>
        <location line="-14"/>
        <source>&amp;Undo</source>
        <translation>&amp;Dadwneud</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Redo</source>
        <translation>&amp;Ailwneud</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cu&amp;t</source>
        <translation>&amp;Torri</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Copy</source>
        <translation>&amp;Copïo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy &amp;Link Location</source>
        <translation>Copïo &amp;lleoliad y ddolen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Paste</source>
        <translation>&amp;Gludo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete</source>
        <translation>Dileu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select All</source>
        <translation>Dewis Popeth</translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <location filename="../../safedesk/gui/queue_panel.py" line="+71"/>
        <source>Choose a post above to see exactly what would be published.</source>
        <translation>Dewiswch bostiad uchod i weld yn union beth fyddai’n cael ei gyhoeddi.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>needs an override</source>
        <translation>angen ei ddiystyru</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>URGENT</source>
        <translation>BRYS</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>not yours to decide</source>
        <translation>nid chi sydd i benderfynu</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Queue summary</source>
        <translation>Crynodeb o’r ciw</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Official posts waiting for approval</source>
        <translation>Postiadau swyddogol yn aros am gymeradwyaeth</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The post to decide on: previews, accounts and history</source>
        <translation>Y postiad i benderfynu arno: rhagolygon, cyfrifon a hanes</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Show the new version</source>
        <translation>Dangos y fersiwn newydd</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Why you cannot decide on this post</source>
        <translation>Pam na allwch chi benderfynu ar y postiad hwn</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Outcome</source>
        <translation>Canlyniad</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Approve…</source>
        <translation>&amp;Cymeradwyo…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Reject…</source>
        <translation>&amp;Gwrthod…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Request &amp;changes…</source>
        <translation>Gofyn am &amp;newidiadau…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retry failed accounts</source>
        <translation>Ceisio eto ar y cyfrifon a fethodd</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>The queue could not be read: {error}</source>
        <translation>Doedd dim modd darllen y ciw: {error}</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>This post is {state}.</source>
        <translation>Mae’r postiad hwn {state}.</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>the pictures could not be fetched; open the post&apos;s link to see them</source>
        <translation>doedd dim modd nôl y lluniau; agorwch ddolen y neges i&apos;w gweld</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>gone</source>
        <translation>wedi mynd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This post is no longer waiting for approval: it is now {state}.</source>
        <translation>Nid yw’r postiad hwn yn aros am gymeradwyaeth mwyach: mae bellach {state}.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This post changed after you opened it. What you see here is no longer what would be published.</source>
        <translation>Newidiodd y postiad hwn ar ôl i chi ei agor. Nid yr hyn a welwch chi yma yw’r hyn fyddai’n cael ei gyhoeddi mwyach.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>You cannot decide on this post.</source>
        <translation>Allwch chi ddim penderfynu ar y postiad hwn.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{post} by {author}</source>
        <translation>{post} gan {author}</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Approving and publishing…</source>
        <translation>Yn cymeradwyo ac yn cyhoeddi…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approving…</source>
        <translation>Yn cymeradwyo…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Saving your decision…</source>
        <translation>Yn cadw eich penderfyniad…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Not done: {error}</source>
        <translation>Heb ei wneud: {error}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The author</source>
        <translation>Yr awdur</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Rejected. {author} will see your reason.</source>
        <translation>Wedi’i wrthod. Bydd {author} yn gweld eich rheswm.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sent back to {author} for changes, with your comment.</source>
        <translation>Wedi’i anfon yn ôl at {author} i’w newid, gyda’ch sylw.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Sending again to the accounts that failed…</source>
        <translation>Yn anfon eto at y cyfrifon a fethodd…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Not sent: {error}</source>
        <translation>Heb ei anfon: {error}</translation>
    </message>
</context>
<context>
    <name>QueueText</name>
    <message>
        <location filename="../../safedesk/gui/queue_text.py" line="+48"/>
        <source>public</source>
        <translation>cyhoeddus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>quiet public (unlisted)</source>
        <translation>cyhoeddus tawel (heb ei restru)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>followers only</source>
        <translation>dilynwyr yn unig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>mentioned people only</source>
        <translation>pobl a grybwyllwyd yn unig</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>wrote it</source>
        <translation>a’i ysgrifennodd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>copied it from the other pane</source>
        <translation>a’i gopïodd o’r paen arall</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>edited it</source>
        <translation>a’i olygodd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>submitted it for approval</source>
        <translation>a’i gyflwynodd i’w gymeradwyo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>withdrew it</source>
        <translation>a’i dynnodd yn ôl</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>approved it</source>
        <translation>a’i gymeradwyodd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>rejected it</source>
        <translation>a’i wrthododd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>asked for changes</source>
        <translation>a ofynnodd am newidiadau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>started publishing it</source>
        <translation>a ddechreuodd ei gyhoeddi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>published it</source>
        <translation>a’i gyhoeddodd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>could not publish it to every account</source>
        <translation>a fethodd ei gyhoeddi ar bob cyfrif</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>published it late: SafeDesk was not running at the set time</source>
        <translation>a’i gyhoeddodd yn hwyr: doedd SafeDesk ddim ar waith ar yr amser a osodwyd</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>(an image post)</source>
        <translation>(postiad delwedd)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(empty)</source>
        <translation>(gwag)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{first} and {second}</source>
        <translation>{first} a {second}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>As soon as it is approved</source>
        <translation>Cyn gynted ag y caiff ei gymeradwyo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{time} (your local time)</source>
        <translation>{time} (eich amser lleol)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Urgent — waiting for approval</source>
        <translation>Brys — yn aros am gymeradwyaeth</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting for approval</source>
        <translation>Yn aros am gymeradwyaeth</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Approved — publishes {time}</source>
        <translation>Wedi’i gymeradwyo — caiff ei gyhoeddi {time}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approved</source>
        <translation>Wedi’i gymeradwyo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Publishing…</source>
        <translation>Yn cyhoeddi…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Published</source>
        <translation>Wedi’i gyhoeddi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rejected</source>
        <translation>Wedi’i wrthod</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changes requested</source>
        <translation>Gofynnwyd am newidiadau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approved, but publishing failed</source>
        <translation>Wedi’i gymeradwyo, ond methodd y cyhoeddi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Withdrawn (unsent draft)</source>
        <translation>Wedi’i dynnu’n ôl (drafft heb ei anfon)</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>&lt;b&gt;CW: {warning}&lt;/b&gt; [show more]</source>
        <translation>&lt;b&gt;Rhybudd cynnwys: {warning}&lt;/b&gt; [dangos mwy]</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>[image: {alt}]</source>
        <translation>[delwedd: {alt}]</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no alt text</source>
        <translation>dim testun amgen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&lt;b&gt;{address}&lt;/b&gt; on {platform}</source>
        <translation>&lt;b&gt;{address}&lt;/b&gt; ar {platform}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>SafeDesk setup</source>
        <translation>Gosod SafeDesk</translation>
    </message>
    <message>
        <location line="+8"/>
        <source> (the approval no longer applies)</source>
        <translation> (nid yw’r gymeradwyaeth yn dal mwyach)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> as urgent</source>
        <translation> fel un brys</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>, overriding a policy block: “{reason}”</source>
        <translation>, gan ddiystyru rhwystr polisi: “{reason}”</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>someone no longer in SafeDesk</source>
        <translation>rhywun nad yw yn SafeDesk mwyach</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Safety checks</source>
        <translation>Gwiriadau diogelwch</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&lt;b&gt;A reply&lt;/b&gt; to an earlier post that is no longer in SafeDesk</source>
        <translation>&lt;b&gt;Ateb&lt;/b&gt; i bostiad cynharach nad yw yn SafeDesk mwyach</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>(no text)</source>
        <translation>(dim testun)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not published</source>
        <translation>heb ei gyhoeddi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;b&gt;In reply to this post&lt;/b&gt; (what a correction corrects):</source>
        <translation>&lt;b&gt;Yn ateb i’r postiad hwn&lt;/b&gt; (yr hyn y mae cywiriad yn ei gywiro):</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;b&gt;Published at:&lt;/b&gt; {links}</source>
        <translation>&lt;b&gt;Wedi’i gyhoeddi yn:&lt;/b&gt; {links}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&lt;b&gt;Author:&lt;/b&gt; {name}</source>
        <translation>&lt;b&gt;Awdur:&lt;/b&gt; {name}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;b&gt;Submitted:&lt;/b&gt; {time}</source>
        <translation>&lt;b&gt;Cyflwynwyd:&lt;/b&gt; {time}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> — &lt;b&gt;urgent&lt;/b&gt;</source>
        <translation> — &lt;b&gt;brys&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;b&gt;Publishes:&lt;/b&gt; {when}</source>
        <translation>&lt;b&gt;Cyhoeddi:&lt;/b&gt; {when}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&lt;b&gt;Accounts:&lt;/b&gt; {accounts}</source>
        <translation>&lt;b&gt;Cyfrifon:&lt;/b&gt; {accounts}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;b&gt;Also edited by:&lt;/b&gt; {names}</source>
        <translation>&lt;b&gt;Golygwyd hefyd gan:&lt;/b&gt; {names}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;b&gt;Language:&lt;/b&gt; {language}</source>
        <translation>&lt;b&gt;Iaith:&lt;/b&gt; {language}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&lt;b&gt;Approval:&lt;/b&gt; {flag}</source>
        <translation>&lt;b&gt;Cymeradwyaeth:&lt;/b&gt; {flag}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&lt;b&gt;Override:&lt;/b&gt; {summary}</source>
        <translation>&lt;b&gt;Diystyru:&lt;/b&gt; {summary}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&lt;b&gt;Check this claim:&lt;/b&gt; the text says the account was hacked or misused ({claims}). Approve only if it is true.</source>
        <translation>&lt;b&gt;Gwiriwch yr honiad hwn:&lt;/b&gt; mae’r testun yn dweud bod y cyfrif wedi’i hacio neu ei gamddefnyddio ({claims}). Peidiwch â’i gymeradwyo oni bai ei fod yn wir.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&lt;b&gt;Hidden characters:&lt;/b&gt; {note}</source>
        <translation>&lt;b&gt;Nodau cudd:&lt;/b&gt; {note}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>History</source>
        <translation>Hanes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fingerprint (SHA-256 of exactly this content): {digest}…</source>
        <translation>Ôl bys (SHA-256 yr union gynnwys hwn): {digest}…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>✔ {name}: published — &lt;a href=&quot;{link}&quot;&gt;{link}&lt;/a&gt;</source>
        <translation>✔ {name}: wedi’i gyhoeddi — &lt;a href=&quot;{link}&quot;&gt;{link}&lt;/a&gt;</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>✘ {name}: not published — {reason}</source>
        <translation>✘ {name}: heb ei gyhoeddi — {reason}</translation>
    </message>
</context>
<context>
    <name>QueueWatcher</name>
    <message>
        <location filename="../../safedesk/gui/watcher.py" line="+230"/>
        <source>The queue could not be read: {error}</source>
        <translation>Nid oedd modd darllen y ciw: {error}</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>Waiting for your approval</source>
        <translation>Yn aros am eich cymeradwyaeth</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{what} by {name}</source>
        <translation>{what} gan {name}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{what} by a colleague</source>
        <translation>{what} gan gydweithiwr</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Urgent, for your approval</source>
        <translation>Brys, i chi ei gymeradwyo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New for your approval</source>
        <translation>Newydd, i chi ei gymeradwyo</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Your official post</source>
        <translation>Eich postiad swyddogol</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Scheduled post published</source>
        <translation>Postiad wedi’i amserlennu wedi’i gyhoeddi</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Scheduled post not published everywhere</source>
        <translation>Postiad wedi’i amserlennu heb ei gyhoeddi ym mhobman</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Another SafeDesk is publishing a scheduled post.</source>
        <translation>Mae SafeDesk arall yn cyhoeddi postiad wedi’i amserlennu.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Scheduled publishing stopped</source>
        <translation>Mae’r cyhoeddi wedi’i amserlennu wedi stopio</translation>
    </message>
</context>
<context>
    <name>Role</name>
    <message>
        <location filename="../../safedesk/gui/person_bar.py" line="-52"/>
        <source>author</source>
        <translation>awdur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>approver</source>
        <translation>cymeradwywr</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>admin</source>
        <translation>gweinyddwr</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <location filename="../../safedesk/gui/people_dialogs.py" line="-130"/>
        <source>Author — writes posts; official ones wait for an approver</source>
        <translation>Awdur — yn ysgrifennu postiadau; mae rhai swyddogol yn aros am gymeradwywr</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Approver — may also approve other people&apos;s official posts</source>
        <translation>Cymeradwywr — caiff hefyd gymeradwyo postiadau swyddogol pobl eraill</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Admin — may also add people</source>
        <translation>Gweinyddwr — caiff hefyd ychwanegu pobl</translation>
    </message>
</context>
<context>
    <name>ScheduleField</name>
    <message>
        <location filename="../../safedesk/gui/schedule_field.py" line="+43"/>
        <source>Schedule</source>
        <translation>Amserlennu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Publish at a set time</source>
        <translation>Cyhoeddi ar amser penodol</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Leave unticked to publish as soon as it is approved.</source>
        <translation>Gadewch heb ei dicio i gyhoeddi cyn gynted ag y caiff ei gymeradwyo.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Leave unticked to post now.</source>
        <translation>Gadewch heb ei dicio i bostio nawr.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Publish at (your local time)</source>
        <translation>Cyhoeddi am (eich amser lleol)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Publish at</source>
        <translation>Cyhoeddi am</translation>
    </message>
</context>
<context>
    <name>ScheduledPanel</name>
    <message>
        <location filename="../../safedesk/gui/scheduled_panel.py" line="+50"/>
        <source>Scheduled personal posts</source>
        <translation>Postiadau personol wedi’u hamserlennu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing is scheduled. To post later, tick “Schedule” in the compose box and choose a time.</source>
        <translation>Does dim wedi’i amserlennu. I bostio’n nes ymlaen, ticiwch “Amserlennu” yn y blwch ysgrifennu a dewiswch amser.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Outcome</source>
        <translation>Canlyniad</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Edit or reschedule</source>
        <translation>Golygu neu aildrefnu’r amser</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel schedule</source>
        <translation>Canslo’r amserlen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>It stays as an unsent draft; nothing is published.</source>
        <translation>Mae’n aros fel drafft heb ei anfon; does dim yn cael ei gyhoeddi.</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>a removed account</source>
        <translation>cyfrif a dynnwyd</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> — an account it goes to was removed: edit or cancel it</source>
        <translation> — cafodd cyfrif y mae’n mynd iddo ei dynnu: golygwch ef neu ei ganslo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{time} as {accounts}: {post}</source>
        <translation>{time} fel {accounts}: {post}</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Your scheduled posts could not be read: {error}</source>
        <translation>Doedd dim modd darllen eich postiadau wedi’u hamserlennu: {error}</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Not cancelled: {error}</source>
        <translation>Heb ei ganslo: {error}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No longer scheduled: {post} is an unsent draft now. Nothing was published.</source>
        <translation>Dim wedi’i amserlennu mwyach: mae {post} yn ddrafft heb ei anfon nawr. Chafodd dim ei gyhoeddi.</translation>
    </message>
</context>
<context>
    <name>SendButton</name>
    <message>
        <location filename="../../safedesk/gui/targets.py" line="+87"/>
        <source>Submit for approval (choose an account)</source>
        <translation>Cyflwyno i’w gymeradwyo (dewiswch gyfrif)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Schedule (choose an account)</source>
        <translation>Amserlennu (dewiswch gyfrif)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Post (choose an account)</source>
        <translation>Postio (dewiswch gyfrif)</translation>
    </message>
    <message>
        <location filename="../../safedesk/gui/share_box.py" line="+101"/>
        <location filename="../../safedesk/gui/targets.py" line="+3"/>
        <source>{first} and {second}</source>
        <translation>{first} a {second}</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../safedesk/gui/targets.py" line="+2"/>
        <source>{first}, {second} and {count} more</source>
        <translation>{first}, {second} a {count} arall</translation>
    </message>
    <message>
        <location filename="../../safedesk/gui/targets.py" line="+2"/>
        <source>{first} and {count} more</source>
        <translation>{first} a {count} arall</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Submit for approval, as {accounts}</source>
        <translation>Cyflwyno i’w gymeradwyo, fel {accounts}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Schedule as {accounts} for {when}</source>
        <translation>Amserlennu fel {accounts} ar gyfer {when}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Post as {accounts}</source>
        <translation>Postio fel {accounts}</translation>
    </message>
</context>
<context>
    <name>SetRoleDialog</name>
    <message>
        <location filename="../../safedesk/gui/people_dialogs.py" line="+155"/>
        <source>Change {name}&apos;s role</source>
        <translation>Newid rôl {name}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Role</source>
        <translation>Rôl</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Politically restricted post</source>
        <translation>Swydd dan gyfyngiad gwleidyddol</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Their personal posts that name parties, candidates or watched political terms warn them.</source>
        <translation>Mae eu postiadau personol sy’n enwi pleidiau, ymgeiswyr neu dermau gwleidyddol dan wyliadwriaeth yn eu rhybuddio.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Role</source>
        <translation>&amp;Rôl</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>{name}&apos;s post is now marked politically restricted.</source>
        <translation>Mae swydd {name} bellach wedi’i nodi dan gyfyngiad gwleidyddol.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{name}&apos;s post is no longer marked politically restricted.</source>
        <translation>Nid yw swydd {name} wedi’i nodi dan gyfyngiad gwleidyddol mwyach.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{name} is now an {role}.</source>
        <translation>Rôl {name} bellach yw {role}.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{name} becomes an {role} when another admin confirms it.</source>
        <translation>Daw rôl newydd {name} ({role}) i rym pan fydd gweinyddwr arall yn ei chadarnhau.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../safedesk/gui/settings_dialog.py" line="+21"/>
        <location line="+1"/>
        <source>SafeDesk settings</source>
        <translation>Gosodiadau SafeDesk</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Settings sections</source>
        <translation>Adrannau’r gosodiadau</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Pane &amp;colours</source>
        <translation>&amp;Lliwiau’r paenau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Language</source>
        <translation>I&amp;aith</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;People</source>
        <translation>&amp;Pobl</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Data</source>
        <translation>&amp;Data</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Templates</source>
        <translation>T&amp;empledi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Incidents</source>
        <translation>Dig&amp;wyddiadau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>P&amp;olicy</source>
        <translation>P&amp;olisi</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Close settings</source>
        <translation>Cau’r gosodiadau</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Each pane&apos;s band and border use its colour. SafeDesk writes the band&apos;s words in white or near-black, whichever reads better, and refuses a colour on which neither reaches 4.5:1 (WCAG AA), or one too close to the other pane&apos;s colour. Whatever the colours, the official pane keeps its heavier border and striped band, so colour is never the only cue.</source>
        <translation>Mae band ac ymyl pob paen yn defnyddio ei liw. Mae SafeDesk yn ysgrifennu geiriau’r band mewn gwyn neu bron yn ddu, pa un bynnag sy’n haws ei ddarllen, ac yn gwrthod lliw lle nad yw’r naill na’r llall yn cyrraedd 4.5:1 (WCAG AA), neu liw sy’n rhy debyg i liw’r paen arall. Beth bynnag fo’r lliwiau, mae’r paen swyddogol yn cadw ei ymyl trymach a’i fand streipiog, felly nid lliw yw’r unig gliw byth.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Pane colour message</source>
        <translation>Neges lliw’r paen</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Language of SafeDesk</source>
        <translation>Iaith SafeDesk</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Set by your organisation&apos;s IT department: SafeDesk speaks {language}.</source>
        <translation>Wedi’i osod gan adran TG eich sefydliad: mae SafeDesk yn siarad {language}.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{variable} is set, so SafeDesk speaks {language} on this computer.</source>
        <translation>Mae {variable} wedi’i osod, felly mae SafeDesk yn siarad {language} ar y cyfrifiadur hwn.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>SafeDesk opens its window again in the language you choose; your drafts stay as they are.</source>
        <translation>Mae SafeDesk yn agor ei ffenestr eto yn yr iaith a ddewiswch; mae eich drafftiau’n aros fel y maen nhw.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Language of new posts</source>
        <translation>Iaith postiadau newydd</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Language not set</source>
        <translation>Dim iaith wedi’i gosod</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Why the language of new posts cannot be changed</source>
        <translation>Pam na ellir newid iaith negeseuon newydd</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;SafeDesk&apos;s language</source>
        <translation>Iaith &amp;SafeDesk</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Language of &amp;new posts</source>
        <translation>Iaith postiadau &amp;newydd</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>People who use SafeDesk on this machine</source>
        <translation>Pobl sy’n defnyddio SafeDesk ar y peiriant hwn</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add person…</source>
        <translation>Ychwanegu person…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a person</source>
        <translation>Ychwanegu person</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Only an admin can add people. Otherwise anyone could add a second approver and approve their own official posts. Ask an admin to add a colleague.</source>
        <translation>Dim ond gweinyddwr all ychwanegu pobl. Fel arall, gallai unrhyw un ychwanegu ail gymeradwywr a chymeradwyo ei bostiadau swyddogol ei hun. Gofynnwch i weinyddwr ychwanegu cydweithiwr.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Why you cannot add people</source>
        <translation>Pam na allwch chi ychwanegu pobl</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>People message</source>
        <translation>Neges am bobl</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Appointments waiting for a second admin</source>
        <translation>Penodiadau sy’n aros am ail weinyddwr</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+179"/>
        <source>&amp;Disable</source>
        <translation>Analluog&amp;i</translation>
    </message>
    <message>
        <location line="-178"/>
        <source>Disable or enable the chosen person</source>
        <translation>Analluogi neu alluogi’r person a ddewiswyd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change &amp;role…</source>
        <translation>Newid &amp;rôl…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change the chosen person&apos;s role</source>
        <translation>Newid rôl y person a ddewiswyd</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reset &amp;passphrase…</source>
        <translation>Ailosod y &amp;cyfrinymadrodd…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset the chosen person&apos;s passphrase</source>
        <translation>Ailosod cyfrinymadrodd y person a ddewiswyd</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Confirm appointment</source>
        <translation>Cadarnha&amp;u’r penodiad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confirm the chosen person&apos;s appointment</source>
        <translation>Cadarnhau penodiad y person a ddewiswyd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change my passphrase…</source>
        <translation>Newid fy nghyfrinymadrodd…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change my passphrase</source>
        <translation>Newid fy nghyfrinymadrodd</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Where your data lives: drafts, history, the audit trail, images and these settings are all in this folder. Passwords and tokens are not; they are in the system keyring.</source>
        <translation>Ble mae eich data’n byw: mae drafftiau, hanes, y trywydd archwilio, delweddau a’r gosodiadau hyn i gyd yn y ffolder hon. Nid yw cyfrineiriau a thocynnau yma; maen nhw yng nghylch allweddi’r system.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Data &amp;folder</source>
        <translation>&amp;Ffolder data</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The data folder path</source>
        <translation>Llwybr y ffolder data</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Copy the data folder path</source>
        <translation>Copïo llwybr y ffolder data</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Data&amp;base</source>
        <translation>Cronfa dda&amp;ta</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The database path</source>
        <translation>Llwybr y gronfa ddata</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Copy the database path</source>
        <translation>Copïo llwybr y gronfa ddata</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Copy path</source>
        <translation>Copïo’r llwybr</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>{colour} with {text} text</source>
        <translation>{colour} gyda thestun {text}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The personal pane colour is now {colour}.</source>
        <translation>Lliw’r paen personol bellach yw {colour}.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The official pane colour is now {colour}.</source>
        <translation>Lliw’r paen swyddogol bellach yw {colour}.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The personal pane is back to its default colour.</source>
        <translation>Mae’r paen personol yn ôl yn ei liw rhagosodedig.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The official pane is back to its default colour.</source>
        <translation>Mae’r paen swyddogol yn ôl yn ei liw rhagosodedig.</translation>
    </message>
    <message>
        <location line="+35"/>
        <source> (you)</source>
        <translation> (chi)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>disabled</source>
        <translation>wedi’i analluogi</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{role} waiting for a second admin (appointed by {admin})</source>
        <translation>{role}: yn aros am ail weinyddwr (penodwyd gan {admin})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>appointed by {admin} alone</source>
        <translation>penodwyd gan {admin} yn unig</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>must choose a new passphrase</source>
        <translation>rhaid dewis cyfrinymadrodd newydd</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Waiting for a second admin: {name} as {role}, appointed by {admin}.</source>
        <translation>Yn aros am ail weinyddwr: {name}, rôl: {role}, penodwyd gan {admin}.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>&amp;Enable</source>
        <translation>Galluog&amp;i</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Enabled {name} again.</source>
        <translation>Mae {name} wedi’i alluogi eto.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Disabled {name}. Their approvals not yet used are void and their submitted posts are back in their drafts.</source>
        <translation>Mae {name} wedi’i analluogi. Mae eu cymeradwyaethau heb eu defnyddio eto yn ddi-rym ac mae eu postiadau a gyflwynwyd yn ôl yn eu drafftiau.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Confirmed: {name} is an {role}.</source>
        <translation>Wedi’i gadarnhau: rôl {name} yw {role}.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Reset {name}&apos;s passphrase; they choose their own at their next sign-in.</source>
        <translation>Wedi ailosod cyfrinymadrodd {name}; byddan nhw’n dewis eu cyfrinymadrodd eu hunain wrth fewngofnodi nesaf.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Your new passphrase is saved.</source>
        <translation>Mae eich cyfrinymadrodd newydd wedi’i gadw.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Added {name} as {role}.</source>
        <translation>Wedi ychwanegu {name}; rôl: {role}.</translation>
    </message>
</context>
<context>
    <name>ShareBox</name>
    <message>
        <location filename="../../safedesk/gui/share_box.py" line="+16"/>
        <source>Share a post…</source>
        <translation>Rhannu postiad…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Share someone else&apos;s post</source>
        <translation>Rhannu postiad rhywun arall</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>About who wrote it</source>
        <translation>Am bwy a’i ysgrifennodd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why this share came back</source>
        <translation>Pam y daeth y rhannu hwn yn ôl</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Link to the post to share</source>
        <translation>Dolen y postiad i’w rannu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>https://server/@name/1234 or https://bsky.app/profile/name/post/…</source>
        <translation>https://gweinydd/@enw/1234 neu https://bsky.app/profile/enw/post/…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Account that reads the post</source>
        <translation>Y cyfrif sy’n darllen y postiad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Look up</source>
        <translation>Chwilio</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Message about the shared post</source>
        <translation>Neges am y postiad a rennir</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Link</source>
        <translation>Dolen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Read by</source>
        <translation>Darllen drwy</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Personal accounts to share as</source>
        <translation>Cyfrifon personol i rannu fel nhw</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Official accounts to share as</source>
        <translation>Cyfrifon swyddogol i rannu fel nhw</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Boost / repost</source>
        <translation>Hybu / ailbostio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quote with your own words</source>
        <translation>Dyfynnu gyda’ch geiriau eich hun</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Your words above the quoted post</source>
        <translation>Eich geiriau uwchben y postiad a ddyfynnir</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Length of your words</source>
        <translation>Hyd eich geiriau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How the quote goes out on each account</source>
        <translation>Sut mae’r dyfyniad yn mynd allan ar bob cyfrif</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Share as</source>
        <translation>Rhannu fel</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>Paste the link of the post first.</source>
        <translation>Gludwch ddolen y postiad yn gyntaf.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add an account to this pane first.</source>
        <translation>Ychwanegwch gyfrif i’r panel hwn yn gyntaf.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Looking the post up…</source>
        <translation>Yn chwilio am y postiad…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>ℹ First time this desk shares {author} from this pane.</source>
        <translation>ℹ Dyma’r tro cyntaf i’r ddesg hon rannu {author} o’r panel hwn.</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>{account} — cannot boost a {platform} post</source>
        <translation>{account} — ni all hybu postiad {platform}</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Resubmit share for approval, as {accounts}</source>
        <translation>Cyflwyno&apos;r rhannu eto i&apos;w gymeradwyo, fel {accounts}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resubmit share for approval (choose an account)</source>
        <translation>Cyflwyno&apos;r rhannu eto i&apos;w gymeradwyo (dewiswch gyfrif)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Submit share for approval, as {accounts}</source>
        <translation>Cyflwyno’r rhannu i’w gymeradwyo, fel {accounts}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Submit share for approval (choose an account)</source>
        <translation>Cyflwyno’r rhannu i’w gymeradwyo (dewiswch gyfrif)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Share (choose an account)</source>
        <translation>Rhannu (dewiswch gyfrif)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Share as {accounts}</source>
        <translation>Rhannu fel {accounts}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Repost as {accounts}</source>
        <translation>Ailbostio fel {accounts}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Boost as {accounts}</source>
        <translation>Hybu fel {accounts}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{account}: cannot quote it: {author} has turned off quotes of this post. Boost it instead.</source>
        <translation>{account}: all ddim ei ddyfynnu: mae {author} wedi diffodd dyfynnu’r postiad hwn. Rhowch hwb iddo yn lle hynny.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{account}: as a quote post</source>
        <translation>{account}: fel postiad dyfynnu</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{account}: as the post&apos;s link at the end of your words</source>
        <translation>{account}: fel dolen y postiad ar ddiwedd eich geiriau</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{account}: as a quote post if its server allows it, otherwise as the post&apos;s link</source>
        <translation>{account}: fel postiad dyfynnu os yw ei weinydd yn caniatáu hynny, fel arall fel dolen y postiad</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Submitting the share…</source>
        <translation>Yn cyflwyno’r rhannu…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sharing…</source>
        <translation>Yn rhannu…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Submitted for approval. A second person must approve this share before it goes out.</source>
        <translation>Wedi’i gyflwyno i’w gymeradwyo. Rhaid i ail berson gymeradwyo’r rhannu hwn cyn iddo fynd allan.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not shared everywhere: see History for each account.</source>
        <translation>Heb ei rannu ym mhobman: edrychwch ar yr Hanes ar gyfer pob cyfrif.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Shared.</source>
        <translation>Wedi’i rannu.</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>This share came back to you: {note}</source>
        <translation>Daeth y rhannu hwn yn ôl atoch: {note}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This share came back to you. Look at it again and resubmit.</source>
        <translation>Daeth y rhannu hwn yn ôl atoch. Edrychwch arno eto a&apos;i gyflwyno eto.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Look the post up again to see it as it is now, then send the share on.</source>
        <translation>Chwiliwch am y neges eto i&apos;w gweld fel y mae hi nawr, yna anfonwch y rhannu ymlaen.</translation>
    </message>
</context>
<context>
    <name>SharedPost</name>
    <message>
        <location filename="../../safedesk/gui/shared_post_view.py" line="+34"/>
        <source>unknown</source>
        <translation>anhysbys</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Quote of {author}</source>
        <translation>Dyfyniad o {author}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Boost of {author}</source>
        <translation>Hwb i {author}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Repost of {author}</source>
        <translation>Ailbostiad o {author}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>By {author}</source>
        <translation>Gan {author}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Written {when}</source>
        <translation>Ysgrifennwyd {when}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Edited {when}</source>
        <translation>Golygwyd {when}</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+26"/>
        <source>(no text)</source>
        <translation>(dim testun)</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>Image {number}: {alt}</source>
        <translation>Delwedd {number}: {alt}</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+36"/>
        <source>no alt text</source>
        <translation>dim testun amgen</translation>
    </message>
    <message>
        <location line="-34"/>
        <source>Labels: {labels}</source>
        <translation>Labeli: {labels}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Link: {link}</source>
        <translation>Dolen: {link}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&lt;b&gt;Our words:&lt;/b&gt; {text}</source>
        <translation>&lt;b&gt;Ein geiriau:&lt;/b&gt; {text}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&lt;b&gt;Written by:&lt;/b&gt; {author}</source>
        <translation>&lt;b&gt;Ysgrifennwyd gan:&lt;/b&gt; {author}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&lt;b&gt;Written:&lt;/b&gt; {when}</source>
        <translation>&lt;b&gt;Ysgrifennwyd:&lt;/b&gt; {when}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;b&gt;Edited:&lt;/b&gt; {when}</source>
        <translation>&lt;b&gt;Golygwyd:&lt;/b&gt; {when}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&lt;b&gt;Image {number}:&lt;/b&gt; {alt}</source>
        <translation>&lt;b&gt;Delwedd {number}:&lt;/b&gt; {alt}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>(fetching it to show it…)</source>
        <translation>(yn ei nôl i&apos;w ddangos…)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(it cannot be shown: {why})</source>
        <translation>(does dim modd ei dangos: {why})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;b&gt;Labels:&lt;/b&gt; {labels}</source>
        <translation>&lt;b&gt;Labeli:&lt;/b&gt; {labels}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;b&gt;Link:&lt;/b&gt; {link}</source>
        <translation>&lt;b&gt;Dolen:&lt;/b&gt; {link}</translation>
    </message>
</context>
<context>
    <name>SharedPostView</name>
    <message>
        <location line="+11"/>
        <source>The post to share</source>
        <translation>Y postiad i’w rannu</translation>
    </message>
</context>
<context>
    <name>SignInAgain</name>
    <message>
        <location filename="../../safedesk/gui/sign_in_again.py" line="+32"/>
        <source>Ask an admin to sign in again as {address}</source>
        <translation>Gofynnwch i weinyddwr fewngofnodi eto fel {address}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Sign in again as {address}…</source>
        <translation>Mewngofnodi eto fel {address}…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sign in again as {address}</source>
        <translation>Mewngofnodi eto fel {address}</translation>
    </message>
</context>
<context>
    <name>SpellCheck</name>
    <message>
        <location filename="../../safedesk/gui/spell_check.py" line="+47"/>
        <source>Add to my dictionary</source>
        <translation>Ychwanegu at fy ngeiriadur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(no suggestions)</source>
        <translation>(dim awgrymiadau)</translation>
    </message>
</context>
<context>
    <name>SubmissionsPanel</name>
    <message>
        <location filename="../../safedesk/gui/submissions.py" line="+70"/>
        <source>Who can approve your posts</source>
        <translation>Pwy all gymeradwyo eich postiadau</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>My official submissions</source>
        <translation>Fy nghyflwyniadau swyddogol</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>Cyflwr</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Updated</source>
        <translation>Diweddarwyd</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Post</source>
        <translation>Postiad</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Note</source>
        <translation>Nodyn</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>What became of the chosen submission</source>
        <translation>Beth ddigwyddodd i’r cyflwyniad a ddewiswyd</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Outcome</source>
        <translation>Canlyniad</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Withdraw</source>
        <translation>&amp;Tynnu’n ôl</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+117"/>
        <source>&amp;Edit</source>
        <translation>&amp;Golygu</translation>
    </message>
    <message>
        <location line="-115"/>
        <source>Retry failed accounts</source>
        <translation>Ceisio eto ar y cyfrifon a fethodd</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Your official posts can be approved by: {names}</source>
        <translation>Gall y rhain gymeradwyo eich postiadau swyddogol: {names}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Official posting needs a colleague added as approver: {where}.</source>
        <translation>Mae postio swyddogol angen cydweithiwr wedi’i ychwanegu fel cymeradwywr: {where}.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Your submissions could not be read: {error}</source>
        <translation>Doedd dim modd darllen eich cyflwyniadau: {error}</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Withdraw and &amp;edit</source>
        <translation>Tynnu’n ôl a &amp;golygu</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Approved by {who}, {time}</source>
        <translation>Wedi’i gymeradwyo gan {who}, {time}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rejected by {who}, {time}</source>
        <translation>Wedi’i wrthod gan {who}, {time}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changes requested by {who}, {time}</source>
        <translation>Gofynnodd {who} am newidiadau, {time}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Note: “{note}”</source>
        <translation>Nodyn: “{note}”</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Scheduled for {time}</source>
        <translation>Wedi’i amserlennu ar gyfer {time}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Not withdrawn: {error}</source>
        <translation>Heb ei dynnu’n ôl: {error}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Withdrawn: {post} is an unsent draft again, under Compose. Submit it again when it is ready; it needs a fresh approval.</source>
        <translation>Wedi’i dynnu’n ôl: mae {post} yn ddrafft heb ei anfon eto, o dan Ysgrifennu. Cyflwynwch ef eto pan fydd yn barod; mae angen cymeradwyaeth newydd arno.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Sending again to the accounts that failed…</source>
        <translation>Yn anfon eto at y cyfrifon a fethodd…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Not sent: {error}</source>
        <translation>Heb ei anfon: {error}</translation>
    </message>
</context>
<context>
    <name>TargetList</name>
    <message>
        <location filename="../../safedesk/gui/targets.py" line="-80"/>
        <source>Personal accounts to post as</source>
        <translation>Cyfrifon personol i bostio fel nhw</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Official accounts to post as</source>
        <translation>Cyfrifon swyddogol i bostio fel nhw</translation>
    </message>
</context>
<context>
    <name>TeamFeed</name>
    <message>
        <location filename="../../safedesk/gui/team_feed.py" line="+66"/>
        <source>the team server</source>
        <translation>gweinydd y tîm</translation>
    </message>
</context>
<context>
    <name>TeamServerBanner</name>
    <message>
        <location filename="../../safedesk/gui/banners.py" line="+45"/>
        <source>Team server</source>
        <translation>Gweinydd y tîm</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The team server cannot be reached. Official drafts you write are saved on this computer, not yet submitted, and are submitted when it is back; SafeDesk tries again every {seconds} seconds.</source>
        <translation>Nid oes modd cyrraedd gweinydd y tîm. Mae drafftiau swyddogol rydych yn eu hysgrifennu’n cael eu cadw ar y cyfrifiadur hwn, heb eu cyflwyno eto, ac yn cael eu cyflwyno pan fydd yn ôl; mae SafeDesk yn ceisio eto bob {seconds} eiliad.</translation>
    </message>
</context>
<context>
    <name>TemplatesTab</name>
    <message>
        <location filename="../../safedesk/gui/templates_tab.py" line="-79"/>
        <source>Choose a template to read it. As an admin you can change its text and save it as a new version, and pre-approve a version someone else wrote. A change needs a new pre-approval.</source>
        <translation>Dewiswch dempled i’w ddarllen. Fel gweinyddwr gallwch newid ei destun a’i gadw fel fersiwn newydd, a rhag-gymeradwyo fersiwn a ysgrifennwyd gan rywun arall. Mae angen rhag-gymeradwyaeth newydd ar ôl newid.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose a template to read it. Only admins can change templates. As an approver you can pre-approve the version you read, unless you last edited it.</source>
        <translation>Dewiswch dempled i’w ddarllen. Dim ond gweinyddwyr all newid templedi. Fel cymeradwywr gallwch rag-gymeradwyo’r fersiwn rydych chi’n ei darllen, oni bai mai chi a’i golygodd ddiwethaf.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose a template to read it. Only admins can change templates, and only approvers and admins can pre-approve them. A correction from a pre-approved template can go out without waiting for an approver.</source>
        <translation>Dewiswch dempled i’w ddarllen. Dim ond gweinyddwyr all newid templedi, a dim ond cymeradwywyr a gweinyddwyr all eu rhag-gymeradwyo. Gall cywiriad o dempled sydd wedi’i rag-gymeradwyo fynd allan heb aros am gymeradwywr.</translation>
    </message>
    <message>
        <location line="+93"/>
        <source>Who can change and pre-approve templates</source>
        <translation>Pwy all newid a rhag-gymeradwyo templedi</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Correction templates</source>
        <translation>Templedi cywiro</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Template text</source>
        <translation>Testun y templed</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Templates message</source>
        <translation>Neges y templedi</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Save as a new version</source>
        <translation>&amp;Cadw fel fersiwn newydd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the template text as a new version</source>
        <translation>Cadw testun y templed fel fersiwn newydd</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Pre-&amp;approve this version…</source>
        <translation>&amp;Rhag-gymeradwyo’r fersiwn hon…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pre-approve this version of the template</source>
        <translation>Rhag-gymeradwyo’r fersiwn hon o’r templed</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>shipped</source>
        <translation>wedi’i gynnwys gyda SafeDesk</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>an unknown date</source>
        <translation>dyddiad anhysbys</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>someone no longer here</source>
        <translation>rhywun nad yw yma mwyach</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>edited by {editor} on {date}</source>
        <translation>wedi’i olygu gan {editor} ar {date}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>pre-approved by {names}</source>
        <translation>wedi’i rag-gymeradwyo gan {names}</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>That is the current text already; nothing changed.</source>
        <translation>Dyna’r testun presennol yn barod; newidiodd dim byd.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Saved {template} as version {version}. It needs a new pre-approval.</source>
        <translation>Cadwyd {template} fel fersiwn {version}. Mae angen rhag-gymeradwyaeth newydd arno.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>You pre-approved {template} version {version}.</source>
        <translation>Fe wnaethoch chi rag-gymeradwyo {template} fersiwn {version}.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Could not pre-approve: {error}</source>
        <translation>Doedd dim modd rhag-gymeradwyo: {error}</translation>
    </message>
</context>
<context>
    <name>Theme</name>
    <message>
        <location filename="../../safedesk/gui/theme.py" line="-57"/>
        <source>personal</source>
        <translation>personol</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>official</source>
        <translation>swyddogol</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>typical colour vision</source>
        <translation>golwg lliw nodweddiadol</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>protanopia (red-blind)</source>
        <translation>protanopia (dallineb coch)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>deuteranopia (green-blind)</source>
        <translation>deuteranopia (dallineb gwyrdd)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>tritanopia (blue-blind)</source>
        <translation>tritanopia (dallineb glas)</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>{pane} band text contrast is {ratio}:1; it needs at least 4.5:1.</source>
        <translation>Cyferbyniad testun band {pane} yw {ratio}:1; mae angen o leiaf 4.5:1.</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>near-black</source>
        <translation>bron yn ddu</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>white</source>
        <translation>gwyn</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>passes AA</source>
        <translation>yn pasio AA</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>fails AA, which needs 4.5:1</source>
        <translation>yn methu AA, sydd angen 4.5:1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{ratio} with {colour} text — {verdict}</source>
        <translation>{ratio} gyda thestun {colour} — {verdict}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>“{colour}” is not a colour SafeDesk understands; give it as #rrggbb.</source>
        <translation>Nid yw “{colour}” yn lliw y mae SafeDesk yn ei ddeall; rhowch ef fel #rrggbb.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{band} cannot be the {pane} band colour: neither white nor near-black text is readable enough on it (the best is {ratio} with {colour} text; WCAG AA needs 4.5:1). Choose a darker or a lighter shade.</source>
        <translation>Ni all {band} fod yn lliw’r band {pane}: nid yw testun gwyn na thestun bron yn ddu yn ddigon darllenadwy arno (y gorau yw {ratio} gyda thestun {colour}; mae WCAG AA angen 4.5:1). Dewiswch arlliw tywyllach neu oleuach.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{band} is too close to the {pane} pane&apos;s colour ({other}): seen with {vision} they differ by only ΔE {difference}. SafeDesk needs a difference of at least ΔE {least} (CIE76) for typical vision and for protanopia, deuteranopia and tritanopia alike, so the two panes can be told apart at a glance. Colour is one cue among several, but it should still be a clear one.</source>
        <translation>Mae {band} yn rhy debyg i liw’r paen {pane} ({other}): o’u gweld gyda {vision} dim ond ΔE {difference} yw’r gwahaniaeth. Mae SafeDesk angen gwahaniaeth o ΔE {least} o leiaf (CIE76) ar gyfer golwg nodweddiadol ac ar gyfer protanopia, deuteranopia a thritanopia fel ei gilydd, fel bod modd gwahaniaethu rhwng y ddau baen ar unwaith. Un cliw ymhlith sawl un yw lliw, ond dylai fod yn un clir serch hynny.</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>The {pane} pane colour is set by your organisation&apos;s IT department, so it cannot be changed here.</source>
        <translation>Adran TG eich sefydliad a osododd liw’r paen {pane}, felly ni ellir ei newid yma.</translation>
    </message>
</context>
<context>
    <name>ThreadEditor</name>
    <message>
        <location filename="../../safedesk/gui/compose_thread.py" line="+40"/>
        <source>Too long to post whole? “Split into a thread” sends it as numbered parts that each fit every chosen account.</source>
        <translation>Rhy hir i’w bostio’n gyfan? Mae “Rhannu’n edefyn” yn ei anfon yn rhannau wedi’u rhifo, pob un yn ffitio pob cyfrif a ddewiswyd.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Split into a thread</source>
        <translation>Rhannu’n edefyn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Official split into a thread</source>
        <translation>Swyddogol: rhannu’n edefyn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Personal split into a thread</source>
        <translation>Personol: rhannu’n edefyn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cuts the post into numbered parts that each fit every chosen account, published as replies in order.</source>
        <translation>Yn torri’r postiad yn rhannau wedi’u rhifo sydd pob un yn ffitio pob cyfrif a ddewiswyd, wedi’u cyhoeddi fel atebion yn eu trefn.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Join into one post</source>
        <translation>Uno’n un postiad</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Official join the thread into one post</source>
        <translation>Swyddogol: uno’r edefyn yn un postiad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Personal join the thread into one post</source>
        <translation>Personol: uno’r edefyn yn un postiad</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Official thread</source>
        <translation>Edefyn swyddogol</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Personal thread</source>
        <translation>Edefyn personol</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Official thread part {number}</source>
        <translation>Edefyn swyddogol, rhan {number}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Personal thread part {number}</source>
        <translation>Edefyn personol, rhan {number}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Part {number}</source>
        <translation>Rhan {number}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>A thread of {count} parts: the first is the text above. The warning and images go on the first part; each part is a reply to the one before.</source>
        <translation>Edefyn o {count} rhan: y gyntaf yw’r testun uchod. Mae’r rhybudd a’r delweddau’n mynd ar y rhan gyntaf; mae pob rhan yn ateb i’r un o’i blaen.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>This text would need more than {count} parts. Shorten it first.</source>
        <translation>Byddai angen mwy na {count} rhan ar y testun hwn. Byrhewch ef yn gyntaf.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The content warning alone is too long for a part: shorten it.</source>
        <translation>Mae’r rhybudd cynnwys ar ei ben ei hun yn rhy hir i ran: byrhewch ef.</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Empty: write it, or join the thread.</source>
        <translation>Gwag: ysgrifennwch hi, neu unwch yr edefyn.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{account}, part {number}: {count}</source>
        <translation>{account}, rhan {number}: {count}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>↳ reply, part {number}:</source>
        <translation>↳ ateb, rhan {number}:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>↳ reply in the thread, part {number}:</source>
        <translation>↳ ateb yn yr edefyn, rhan {number}:</translation>
    </message>
</context>
<context>
    <name>UndoShareDialog</name>
    <message>
        <location filename="../../safedesk/gui/undo_share.py" line="+50"/>
        <location line="+30"/>
        <source>Undo share</source>
        <translation>Dadwneud y rhannu</translation>
    </message>
    <message>
        <location line="-29"/>
        <source>Undo this share on every account it went to? {what}</source>
        <translation>Dadwneud y rhannu hwn ar bob cyfrif yr aeth iddo? {what}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Also post a correction or apology</source>
        <translation>Postio cywiriad neu ymddiheuriad hefyd</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Kind of words to post</source>
        <translation>Math o eiriau i’w postio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apology</source>
        <translation>Ymddiheuriad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Correction</source>
        <translation>Cywiriad</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Template language</source>
        <translation>Iaith y templed</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Your own words (empty: the template&apos;s)</source>
        <translation>Eich geiriau eich hun (gwag: geiriau’r templed)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your own words, or leave empty for the template&apos;s</source>
        <translation>Eich geiriau eich hun, neu gadewch yn wag am eiriau’r templed</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Message</source>
        <translation>Neges</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cancel</source>
        <translation>Canslo</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Undoing the share…</source>
        <translation>Yn dadwneud y rhannu…</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>undoing the share</source>
        <translation>dadwneud y rhannu</translation>
    </message>
</context>
<context>
    <name>Unfinished</name>
    <message>
        <location filename="../../safedesk/gui/unfinished.py" line="+50"/>
        <source>{address}: not known whether it went out</source>
        <translation>{address}: ddim yn gwybod a aeth allan</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{address}: interrupted while sending; SafeDesk will look before sending again.</source>
        <translation>{address}: torrwyd ar draws wrth anfon; bydd SafeDesk yn edrych cyn anfon eto.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{address}: not sent yet.</source>
        <translation>{address}: heb ei anfon eto.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{address}: not published</source>
        <translation>{address}: heb ei gyhoeddi</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{address}: published.</source>
        <translation>{address}: wedi’i gyhoeddi.</translation>
    </message>
</context>
<context>
    <name>UnfinishedPanel</name>
    <message>
        <location line="+16"/>
        <source>Personal posts not finished</source>
        <translation>Postiadau personol heb eu gorffen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Official posts not finished</source>
        <translation>Postiadau swyddogol heb eu gorffen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Personal posts not finished, one row per account</source>
        <translation>Postiadau personol heb eu gorffen, un rhes i bob cyfrif</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Official posts not finished, one row per account</source>
        <translation>Postiadau swyddogol heb eu gorffen, un rhes i bob cyfrif</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Personal: why the chosen post is not finished</source>
        <translation>Personol: pam nad yw’r postiad a ddewiswyd wedi’i orffen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Official: why the chosen post is not finished</source>
        <translation>Swyddogol: pam nad yw’r postiad a ddewiswyd wedi’i orffen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check and finish</source>
        <translation>Gwirio a gorffen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Look on each server first; send only what is certainly not there.</source>
        <translation>Edrych ar bob gweinydd yn gyntaf; anfon dim ond yr hyn sy’n sicr ddim yno.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>It went out…</source>
        <translation>Fe aeth allan…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send again anyway…</source>
        <translation>Anfon eto beth bynnag…</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>SafeDesk could not read the unfinished posts: {error}</source>
        <translation>Ni allai SafeDesk ddarllen y postiadau heb eu gorffen: {error}</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Looking on each server…</source>
        <translation>Yn edrych ar bob gweinydd…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>It went out</source>
        <translation>Fe aeth allan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>You saw this post on the account. Its link (optional):</source>
        <translation>Gwelsoch y postiad hwn ar y cyfrif. Ei ddolen (dewisol):</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Recording it as published…</source>
        <translation>Yn ei gofnodi fel un wedi’i gyhoeddi…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Send again anyway?</source>
        <translation>Anfon eto beth bynnag?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No server could tell whether this post went out. Send it again only if you looked at the account and it is not there: otherwise it will appear twice.</source>
        <translation>Nid oedd unrhyw weinydd yn gallu dweud a aeth y postiad hwn allan. Anfonwch ef eto dim ond os ydych wedi edrych ar y cyfrif a nad yw yno: fel arall bydd yn ymddangos ddwywaith.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Sending again…</source>
        <translation>Yn anfon eto…</translation>
    </message>
</context>
<context>
    <name>Watcher</name>
    <message>
        <location filename="../../safedesk/gui/watcher.py" line="-325"/>
        <source>Rejected: {what}. Reason: {note}</source>
        <translation>Wedi’i wrthod: {what}. Rheswm: {note}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Changes requested on {what}: {note}</source>
        <translation>Gofynnwyd am newidiadau i {what}: {note}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Approved: {what}. It will be published {when}.</source>
        <translation>Wedi’i gymeradwyo: {what}. Bydd yn cael ei gyhoeddi {when}.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Approved and published: {what}</source>
        <translation>Wedi’i gymeradwyo a’i gyhoeddi: {what}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Published: {what}</source>
        <translation>Wedi’i gyhoeddi: {what}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Approved, but publishing failed for {what}: {note}</source>
        <translation>Wedi’i gymeradwyo, ond methodd y cyhoeddi ar gyfer {what}: {note}</translation>
    </message>
</context>
</TS>
