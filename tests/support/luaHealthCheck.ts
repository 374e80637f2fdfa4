/**
 * Runs an Argo CD health check the way Argo CD does (util/lua: the object as the global `obj`, the script's returned
 * table read as `{status, message}`), in a real Lua interpreter: fengari, a Lua VM in JavaScript. Like Argo CD's
 * custom checks, the script gets the base and table libraries only; a call into another library fails the test.
 */
import { lauxlib, lua, lualib, to_jsstring, to_luastring } from "fengari";

type LuaState = ReturnType<typeof lauxlib.luaL_newstate>;

function push(L: LuaState, value: unknown): void {
  if (value === null || value === undefined) lua.lua_pushnil(L);
  else if (typeof value === "boolean") lua.lua_pushboolean(L, value);
  else if (typeof value === "number") lua.lua_pushnumber(L, value);
  else if (typeof value === "string") lua.lua_pushstring(L, to_luastring(value));
  else if (Array.isArray(value)) {
    lua.lua_createtable(L, value.length, 0);
    value.forEach((item, i) => {
      push(L, item);
      lua.lua_rawseti(L, -2, i + 1);
    });
  } else {
    const entries = Object.entries(value as Record<string, unknown>);
    lua.lua_createtable(L, 0, entries.length);
    for (const [key, item] of entries) {
      push(L, item);
      lua.lua_setfield(L, -2, to_luastring(key));
    }
  }
}

function field(L: LuaState, name: string): string | undefined {
  lua.lua_getfield(L, -1, to_luastring(name));
  const value = lua.lua_type(L, -1) === lua.LUA_TSTRING ? to_jsstring(lua.lua_tostring(L, -1)) : undefined;
  lua.lua_pop(L, 1);
  return value;
}

export interface HealthStatus {
  readonly status?: string;
  readonly message?: string;
}

export function runHealthCheck(script: string, obj: unknown): HealthStatus {
  const L = lauxlib.luaL_newstate();
  lauxlib.luaL_requiref(L, to_luastring("_G"), lualib.luaopen_base, 1);
  lauxlib.luaL_requiref(L, to_luastring("table"), lualib.luaopen_table, 1);
  lua.lua_settop(L, 0);
  push(L, obj);
  lua.lua_setglobal(L, to_luastring("obj"));
  if (lauxlib.luaL_loadstring(L, to_luastring(script)) !== lua.LUA_OK || lua.lua_pcall(L, 0, 1, 0) !== lua.LUA_OK) {
    throw new Error(`Lua error: ${to_jsstring(lua.lua_tostring(L, -1))}`);
  }
  if (lua.lua_type(L, -1) !== lua.LUA_TTABLE) throw new Error("the health check returned no table");
  return { status: field(L, "status"), message: field(L, "message") };
}
