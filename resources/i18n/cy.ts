<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="cy" sourcelanguage="en_GB">
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../safedesk/gui/settings_dialog.py" line="+176"/>
        <source>{variable} is set, so SafeDesk speaks {language} on this computer.</source>
        <translation>Mae {variable} wedi’i osod, felly mae SafeDesk yn siarad {language} ar y cyfrifiadur hwn.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>SafeDesk opens its window again in the language you choose; your drafts stay as they are.</source>
        <translation>Mae SafeDesk yn agor ei ffenestr eto yn yr iaith a ddewiswch; mae eich drafftiau’n aros fel y maen nhw.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;SafeDesk&apos;s language</source>
        <translation>Iaith &amp;SafeDesk</translation>
    </message>
</context>
</TS>
