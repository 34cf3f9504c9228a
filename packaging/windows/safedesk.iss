; Inno Setup 6.3+ script: SafeDesk for one Windows user, installed without administrator rights.
; Built by `python packaging\build` on Windows (which passes the defines below); by hand:
;   iscc /DAppVersion=0.1.0 /DSourceDir=..\..\dist\SafeDesk /DOutputDir=..\..\dist safedesk.iss
;
; Silent install for IT (packaging/README.md):
;   SafeDesk-<version>-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART /LOG="%TEMP%\safedesk-setup.log"
;   (/DIR="X:\path" for another folder; /SKIPSELFTEST to leave out the check after installing)
; Silent uninstall keeps the person's data; /DELETEUSERDATA removes it too:
;   "%LOCALAPPDATA%\Programs\SafeDesk\unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART

#ifndef AppVersion
  #error Pass the version from pyproject.toml: iscc /DAppVersion=X.Y.Z (python packaging\build does)
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\SafeDesk"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif
#define AppName "SafeDesk"
#define AppExe "SafeDesk.exe"
; The same program with a console, for the command line (a windowed .exe prints nothing).
#define CliExe "safedesk-cli.exe"
; Where SafeDesk keeps a person's data (platformdirs' user data folder for "SafeDesk").
#define UserDataDir "{localappdata}\SafeDesk"

[Setup]
; The same AppId in every release, so a new version upgrades the old one in place.
AppId={{847FC371-8C2E-4A13-BF57-99491982F22C}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=SafeDesk developers
AppCopyright=Copyright (C) SafeDesk developers. GPL-3.0-or-later.
VersionInfoVersion={#AppVersion}
; Per-user: no administrator rights, installed under %LOCALAPPDATA%\Programs, Start menu entry
; in the user's own Start menu.
PrivilegesRequired=lowest
DefaultDirName={userpf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
OutputDir={#OutputDir}
OutputBaseFilename={#AppName}-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\safedesk.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
LicenseFile=..\..\LICENSE
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
; A running SafeDesk is asked to close before its files are replaced.
CloseApplications=yes
RestartApplications=no
SetupLogging=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Post to Mastodon and Bluesky, personal and official accounts kept apart"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[CustomMessages]
SelfTestRunning=Checking that SafeDesk works on this computer...
SelfTestFailed=SafeDesk was installed, but its self-test found a problem (exit code %1). Run "%2" --self-test in a command prompt to see what it is, or send the setup log to your IT support.
DeleteUserData=Also delete your SafeDesk data in %1?%n%nThis removes your drafts, history and audit trail on this computer. Choose No to keep them for a later install (the usual choice).

[Code]
var
  SelfTestExitCode: Integer;

function InitializeSetup(): Boolean;
begin
  SelfTestExitCode := 0;
  Result := True;
end;

function ParamGiven(const Name: String): Boolean;
var
  I: Integer;
begin
  Result := False;
  for I := 1 to ParamCount do
    if CompareText(ParamStr(I), Name) = 0 then
      Result := True;
end;

// After the files are in place: SafeDesk's own --self-test (window, store, keyring, libraries,
// templates, translations). A failure is logged, shown unless silent, and becomes setup's exit
// code (GetCustomSetupExitCode) so a deployment tool sees it.
procedure CurStepChanged(CurStep: TSetupStep);
var
  Exe: String;
begin
  if (CurStep = ssPostInstall) and not ParamGiven('/SKIPSELFTEST') then
  begin
    Exe := ExpandConstant('{app}\{#CliExe}');
    WizardForm.StatusLabel.Caption := CustomMessage('SelfTestRunning');
    if not Exec(Exe, '--self-test', '', SW_HIDE, ewWaitUntilTerminated, SelfTestExitCode) then
      SelfTestExitCode := -1;
    Log(Format('SafeDesk --self-test exit code: %d', [SelfTestExitCode]));
    if SelfTestExitCode <> 0 then
      SuppressibleMsgBox(FmtMessage(CustomMessage('SelfTestFailed'),
        [IntToStr(SelfTestExitCode), Exe]), mbError, MB_OK, IDOK);
  end;
end;

function GetCustomSetupExitCode: Integer;
begin
  if SelfTestExitCode <> 0 then
    Result := 10
  else
    Result := 0;
end;

// The person's data stays unless they ask: a question in an interactive uninstall (No is the
// default), /DELETEUSERDATA in a silent one.
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DataDir: String;
  Delete: Boolean;
begin
  if CurUninstallStep = usPostUninstall then
  begin
    DataDir := ExpandConstant('{#UserDataDir}');
    if not DirExists(DataDir) then
      Exit;
    if UninstallSilent then
      Delete := ParamGiven('/DELETEUSERDATA')
    else
      Delete := MsgBox(FmtMessage(CustomMessage('DeleteUserData'), [DataDir]),
        mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES;
    if Delete then
    begin
      Log('Deleting the user data folder ' + DataDir);
      DelTree(DataDir, True, True, True);
    end
    else
      Log('Keeping the user data folder ' + DataDir);
  end;
end;
