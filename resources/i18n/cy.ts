<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="cy" sourcelanguage="en_GB">
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
    <name>ApproverHint</name>
    <message>
        <location filename="../../safedesk/gui/banners.py" line="+56"/>
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
    <name>FirstPersonDialog</name>
    <message>
        <location line="-64"/>
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
    <name>Launch</name>
    <message>
        <location filename="../../safedesk/gui/launch.py" line="+98"/>
        <source>SafeDesk cannot start</source>
        <translation>Ni all SafeDesk gychwyn</translation>
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
        <location filename="../../safedesk/gui/main_window.py" line="+91"/>
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
        <location line="+73"/>
        <source>SafeDesk could not finish earlier posts: {error}</source>
        <translation>Ni allai SafeDesk orffen postiadau cynharach: {error}</translation>
    </message>
    <message>
        <location line="+73"/>
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
        <location line="+22"/>
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
    <name>PaneBand</name>
    <message>
        <location filename="../../safedesk/gui/pane.py" line="+122"/>
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
        <location filename="../../safedesk/gui/settings_dialog.py" line="+71"/>
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
        <location line="+2"/>
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
        <location line="+1"/>
        <source>Personal {name}</source>
        <translation>{name} (personol)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Official {name}</source>
        <translation>{name} (swyddogol)</translation>
    </message>
</context>
<context>
    <name>PaneStyle</name>
    <message>
        <location filename="../../safedesk/gui/theme.py" line="+82"/>
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
        <location line="+60"/>
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
        <location line="+111"/>
        <source>Unsent drafts could not be read: {error}</source>
        <translation>Nid oedd modd darllen y drafftiau heb eu hanfon: {error}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>New draft</source>
        <translation>Drafft newydd</translation>
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
    <name>QWidgetTextControl</name>
    <message>
        <location line="+21"/>
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
    <name>QueueWatcher</name>
    <message>
        <location filename="../../safedesk/gui/watcher.py" line="+229"/>
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
        <location line="+3"/>
        <source>{first} and {second}</source>
        <translation>{first} a {second}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{first}, {second} and {count} more</source>
        <translation>{first}, {second} a {count} arall</translation>
    </message>
    <message>
        <location line="+2"/>
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
        <location filename="../../safedesk/gui/settings_dialog.py" line="+14"/>
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
        <location line="+11"/>
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
        <location line="+3"/>
        <source>Language not set</source>
        <translation>Dim iaith wedi’i gosod</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;SafeDesk&apos;s language</source>
        <translation>Iaith &amp;SafeDesk</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Language of &amp;new posts</source>
        <translation>Iaith postiadau &amp;newydd</translation>
    </message>
    <message>
        <location line="+6"/>
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
        <location line="+178"/>
        <source>&amp;Disable</source>
        <translation>Analluog&amp;i</translation>
    </message>
    <message>
        <location line="-177"/>
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
        <location line="+11"/>
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
        <location filename="../../safedesk/gui/watcher.py" line="-324"/>
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
