#!/usr/bin/python3
# Unlocks the login keyring of the session bus in DBUS_SESSION_BUS_ADDRESS with the password on stdin, the way a
# desktop sign-in does, without a prompt (tests only: there is no display for gnome-keyring's own prompt).
import sys
import dbus

bus = dbus.SessionBus()
service = bus.get_object('org.freedesktop.secrets', '/org/freedesktop/secrets')
_, session = service.OpenSession('plain', dbus.String('', variant_level=1), dbus_interface='org.freedesktop.Secret.Service')
secret = dbus.Struct((session, dbus.ByteArray(b''), dbus.ByteArray(sys.stdin.read().encode()), 'text/plain'), signature='oayays')
dbus.Interface(service, 'org.gnome.keyring.InternalUnsupportedGuiltRiddenInterface').UnlockWithMasterPassword(
    dbus.ObjectPath('/org/freedesktop/secrets/collection/login'), secret)
