/** The part of fengari's (Lua 5.3 in JavaScript) C-style API the health check tests use; fengari ships no types. */
declare module "fengari" {
  type LuaState = { readonly __luaState: unique symbol };
  type LuaString = Uint8Array;
  type LuaCFunction = (L: LuaState) => number;
  export function to_luastring(text: string): LuaString;
  export function to_jsstring(text: LuaString): string;
  export const lua: {
    readonly LUA_OK: number;
    readonly LUA_TSTRING: number;
    readonly LUA_TTABLE: number;
    lua_pushnil(L: LuaState): void;
    lua_pushboolean(L: LuaState, value: boolean): void;
    lua_pushnumber(L: LuaState, value: number): void;
    lua_pushstring(L: LuaState, value: LuaString): void;
    lua_createtable(L: LuaState, arrayItems: number, fields: number): void;
    lua_rawseti(L: LuaState, index: number, key: number): void;
    lua_setfield(L: LuaState, index: number, key: LuaString): void;
    lua_getfield(L: LuaState, index: number, key: LuaString): number;
    lua_setglobal(L: LuaState, name: LuaString): void;
    lua_type(L: LuaState, index: number): number;
    lua_tostring(L: LuaState, index: number): LuaString;
    lua_pop(L: LuaState, count: number): void;
    lua_settop(L: LuaState, index: number): void;
    lua_pcall(L: LuaState, args: number, results: number, handler: number): number;
  };
  export const lauxlib: {
    luaL_newstate(): LuaState;
    luaL_requiref(L: LuaState, name: LuaString, open: LuaCFunction, global: number): void;
    luaL_loadstring(L: LuaState, source: LuaString): number;
  };
  export const lualib: { luaopen_base: LuaCFunction; luaopen_table: LuaCFunction };
}
